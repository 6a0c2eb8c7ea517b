package org.livecam.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.TestServer;

class ConnectionCapacityTest {
    @Test
    void aLowLimitSaysWhatToSet() {
        String message = ConnectionCapacity.message(Optional.of(new OpenFileLimits(1024, 4096)));
        assertThat(message).startsWith("Open-file limit 1024: room for about 924 viewer connections (hard limit 4096)")
                .contains("LimitNOFILE=65536").contains("ulimit -n 65536");
    }

    @Test
    void aLimitForTenThousandViewersIsOnlyStated() {
        assertThat(ConnectionCapacity.message(Optional.of(new OpenFileLimits(65536, 65536))))
                .isEqualTo("Open-file limit 65536: room for about 65436 viewer connections");
    }

    @Test
    void theServerSaysItsCapacityOnceAtStart(@TempDir Path data) {
        try (CapturedLog log = CapturedLog.of(ConnectionCapacity.class); TestServer server = TestServer.start(data)) {
            long soft = OpenFileLimits.read().orElseThrow().soft();
            assertThat(log.lines("Open-file limit " + soft + ": room for about")).hasSize(1);
        }
    }
}
