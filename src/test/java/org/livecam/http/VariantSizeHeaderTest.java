package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServerExtension;

/** A size asked for snaps to an allowed one, and the answer says which. */
class VariantSizeHeaderTest {
    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();

    @Test
    void aWidthBelowTheSmallestAllowedIsAnsweredAtTheSmallestAndSaysSo() {
        assertThat(server.publish("sizes", TestJpegs.solid(1280, 720, Color.GRAY)).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> small = server.get("/cameras/sizes/snapshot.jpg?width=100");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.headers().firstValue("X-Variant-Size")).hasValue("320xauto");
        assertThat(TestJpegs.decode(small.body()).getWidth()).isEqualTo(320);

        assertThat(server.get("/cameras/sizes/snapshot.jpg?width=700").headers().firstValue("X-Variant-Size")).hasValue("640xauto");
        assertThat(server.get("/cameras/sizes/snapshot.jpg").headers().firstValue("X-Variant-Size")).isEmpty();
    }
}
