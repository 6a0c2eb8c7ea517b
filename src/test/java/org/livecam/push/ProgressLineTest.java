package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void showsRatesOverTheIntervalStateAndLastError() {
        UploadStats.Snapshot before = new UploadStats.Snapshot(0, 100, 50, 10, 0, 1_000_000, UploadState.CONNECTED, null);
        UploadStats.Snapshot now = new UploadStats.Snapshot(5_000_000_000L, 250, 100, 110, 0, 1_000_000 + 5 * 200 * 1024,
                UploadState.RETRYING, "cannot connect: Connection refused");
        assertThat(ProgressLine.format("garden", before, now)).isEqualTo(
                "garden: retrying | captured 30.0 fps | sent 10.0 fps | dropped 100 | 200 KB/s"
                        + " | last error: cannot connect: Connection refused");
    }

    @Test
    void aRefusedTokenStandsOutAsAConfigurationError() {
        UploadStats.Snapshot s = new UploadStats.Snapshot(0, 0, 0, 0, 0, 0, UploadState.UNAUTHORIZED, "HTTP 401: wrong publish token");
        assertThat(ProgressLine.format("cam", s, s)).contains("UNAUTHORIZED (check --token / LIVECAM_TOKEN)", "HTTP 401: wrong publish token");
    }
}
