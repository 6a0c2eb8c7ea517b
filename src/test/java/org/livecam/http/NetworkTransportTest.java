package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** The server runs on native epoll where it loads (this Linux machine), on NIO when told, and streams on both. */
class NetworkTransportTest {
    @TempDir
    Path data;

    @Test
    void autoTakesNativeEpollOnThisLinuxMachine() {
        try (TestServer server = TestServer.start(data)) {
            assertThat(server.server().transport()).isEqualTo("epoll");
        }
    }

    @Test
    void nioIsTakenWhenAskedFor() {
        try (TestServer server = TestServer.start(data, c -> c.withHttp(h -> h.withTransport(NetworkTransport.NIO)))) {
            assertThat(server.server().transport()).isEqualTo("nio");
        }
    }

    @ParameterizedTest
    @EnumSource(NetworkTransport.class)
    void framesStreamOnEitherTransport(NetworkTransport transport) throws Exception {
        try (TestServer server = TestServer.start(data, c -> c.withHttp(h -> h.withTransport(transport)))) {
            server.publish("cam", TestJpegs.solid(160, 120, Color.RED));
            try (MjpegReader stream = MjpegReader.open(server.port(), "/cameras/cam/stream.mjpg")) {
                stream.timeoutMillis(5000);
                assertThat(stream.next().sequence()).isEqualTo(1);
                byte[] blue = TestJpegs.solid(160, 120, Color.BLUE);
                server.publish("cam", blue);
                assertThat(stream.nextNewerThan(1).body()).isEqualTo(blue);
            }
        }
    }

    @Test
    void anUnknownTransportNameIsRefusedWithWhatIsAllowed() {
        assertThat(NetworkTransport.parse("NIO")).isEqualTo(NetworkTransport.NIO);
        assertThatThrownBy(() -> NetworkTransport.parse("epoll")).hasMessageContaining("auto").hasMessageContaining("nio");
    }
}
