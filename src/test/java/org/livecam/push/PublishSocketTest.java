package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.livecam.publish.PublishProtocol;
import org.livecam.publish.ServerMessage;

/** Pairing answers with frames, driven through the listener by hand: no socket, no server. */
class PublishSocketTest {
    private final PublishSocket socket = new PublishSocket();
    private final WebSocket wire = new AcceptingWebSocket();

    PublishSocketTest() {
        socket.onOpen(wire);
        socket.opened(wire);
    }

    @Test
    void answersCompleteTheFramesInTheOrderTheyWent() {
        socket.onText(wire, PublishProtocol.ready("pi"), true);
        PublishSocket.Sending first = socket.send(new byte[] {1});
        PublishSocket.Sending second = socket.send(new byte[] {2});
        assertThat(socket.first().join()).isInstanceOf(PublishSocket.Message.class);

        socket.onText(wire, "{\"type\":\"something new\"}", true);
        assertThat(first.reply()).as("a message of another type is no answer").isNotDone();
        socket.onText(wire, PublishProtocol.error("pi", "no SOI"), true);
        socket.onText(wire, PublishProtocol.published("pi", 1, 64, 48, 100).substring(0, 10), false);
        assertThat(second.reply()).as("half a message is no answer yet").isNotDone();
        socket.onText(wire, PublishProtocol.published("pi", 1, 64, 48, 100).substring(10), true);

        assertThat(answer(first).error()).isEqualTo("no SOI");
        assertThat(answer(second).type()).isEqualTo(PublishProtocol.Type.PUBLISHED);
    }

    @Test
    void aCloseAnswersEveryFrameStillWaitingAndAnyFrameSentAfterIt() {
        socket.onText(wire, PublishProtocol.ready("pi"), true);
        PublishSocket.Sending waiting = socket.send(new byte[] {1});
        socket.onClose(wire, PublishProtocol.MESSAGE_TOO_BIG, "frame over the limit");

        PublishSocket.Ended end = (PublishSocket.Ended) waiting.reply().join();
        assertThat(PublishSocket.frameTooBig(end)).isTrue();
        assertThat(socket.ended()).isDone();
        assertThat(socket.send(new byte[] {2}).reply()).as("sent after the close").isCompletedWithValue(end);
    }

    @Test
    void aRefusedTokenIsTheFirstReplyWhenTheServerClosesBeforeReady() {
        socket.onClose(wire, PublishProtocol.POLICY_VIOLATION, "wrong publish token");
        assertThat(PublishSocket.tokenRefused((PublishSocket.Ended) socket.first().join())).isTrue();
    }

    private static ServerMessage answer(PublishSocket.Sending sending) {
        return ((PublishSocket.Message) sending.reply().join()).message();
    }

    /** Takes every frame at once and says nothing; the test speaks for the server. */
    private static final class AcceptingWebSocket implements WebSocket {
        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public void request(long n) {
        }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return false;
        }

        @Override
        public boolean isInputClosed() {
            return false;
        }

        @Override
        public void abort() {
        }
    }
}
