package org.livecam.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The messages as they go on the wire, and how a publisher reads them; no socket needed. */
class PublishProtocolTest {
    @Test
    void theServersMessagesCarryTheirTypeAndFields() {
        assertThat(new JsonObject(PublishProtocol.ready("pi"))).isEqualTo(new JsonObject().put("type", "ready").put("camera", "pi"));
        assertThat(new JsonObject(PublishProtocol.published("pi", 7, 640, 480, 12345))).isEqualTo(new JsonObject()
                .put("type", "published").put("camera", "pi").put("seq", 7L).put("width", 640).put("height", 480).put("bytes", 12345));
        assertThat(new JsonObject(PublishProtocol.error("pi", "no SOI"))).isEqualTo(new JsonObject()
                .put("type", "error").put("camera", "pi").put("error", "no SOI"));
        assertThat(PublishProtocol.path("pi")).isEqualTo("/cameras/pi/publish");
    }

    @Test
    void aPublisherReadsWhatTheServerWrites() {
        assertThat(ServerMessage.read(PublishProtocol.ready("pi")).type()).isEqualTo(PublishProtocol.Type.READY);
        ServerMessage published = ServerMessage.read(PublishProtocol.published("pi", 1, 2, 3, 4));
        assertThat(published.type()).isEqualTo(PublishProtocol.Type.PUBLISHED);
        assertThat(published.answersAFrame()).isTrue();
        ServerMessage error = ServerMessage.read(PublishProtocol.error("pi", "not a JPEG"));
        assertThat(error.answersAFrame()).isTrue();
        assertThat(error.error()).isEqualTo("not a JPEG");
    }

    @Test
    void unknownOrMalformedMessagesAreNoAnswerAndNeverThrow() {
        for (String text : new String[] {"not json", "[1,2]", "{\"type\":\"hello\"}", "{\"type\":7}", "{}"}) {
            ServerMessage message = ServerMessage.read(text);
            assertThat(message.type()).as(text).isNull();
            assertThat(message.answersAFrame()).as(text).isFalse();
            assertThat(message.text()).isEqualTo(text);
        }
        assertThat(ServerMessage.read("{\"type\":\"error\"}").error()).isEqualTo("(no message)");
    }

    @Test
    void theTokenMessageRoundTripsAndAnythingElseHasNoToken() {
        assertThat(PublishProtocol.tokenIn(PublishProtocol.tokenMessage("s3cret \"quoted\""))).isEqualTo("s3cret \"quoted\"");
        assertThat(PublishProtocol.tokenIn("{\"token\":42}")).isNull();
        assertThat(PublishProtocol.tokenIn("token")).isNull();
        assertThat(PublishProtocol.tokenIn("[\"token\"]")).isNull();
    }
}
