package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The uploader's states and their log lines, driven without a socket and on a hand-moved clock. */
class UploadStateMachineTest {
    private final AtomicLong nanos = new AtomicLong();
    private final UploadStats stats = new UploadStats();
    private final PushConfig config = PushConfig.of("http://server:8080", "yard", "token");
    private final UploadStateMachine state = new UploadStateMachine(stats, config, config.frameUri(), nanos::get);
    private final CapturedLog log = CapturedLog.of(Uploader.class);

    @AfterEach
    void detach() {
        log.close();
    }

    @Test
    void aServerThatStaysAwayIsOneWarningHoweverManyAttemptsFail() {
        state.accepted();
        for (int attempt = 0; attempt < 50; attempt++) {
            state.away("cannot connect to server:8080: connection refused or host unreachable");
        }
        assertThat(stats.state()).isEqualTo(UploadState.RETRYING);
        assertThat(log.lines("yard:")).hasSize(2);
        assertThat(log.lines("WARN yard: cannot publish to")).hasSize(1);
    }

    @Test
    void eachChangeOfStateIsOneLineAndTheReturnSaysHowLongFramesStopped() {
        state.accepted();
        state.accepted();
        assertThat(log.lines("INFO yard: first frame accepted by http://server:8080/cameras/yard/frame")).hasSize(1);

        state.away("connection to server:8080 failed: reset");
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(2500));
        state.away("cannot connect to server:8080: refused");
        state.tokenRefused("HTTP 401: wrong publish token");
        state.tokenRefused("HTTP 401: wrong publish token");
        assertThat(stats.state()).isEqualTo(UploadState.UNAUTHORIZED);
        assertThat(stats.lastError()).contains("wrong publish token", "LIVECAM_TOKEN");
        state.accepted();
        state.accepted();

        assertThat(log.lines("yard:")).containsExactly(
                "INFO yard: first frame accepted by http://server:8080/cameras/yard/frame",
                "WARN yard: cannot publish to http://server:8080/cameras/yard/frame: connection to server:8080 failed: reset; "
                        + "retrying with backoff (at most 1500 ms apart), keeping only the newest frame",
                "ERROR yard: the server at http://server:8080/cameras/yard/frame refused the publish token (HTTP 401: wrong publish token). "
                        + "This is a configuration error: set --token or LIVECAM_TOKEN to the server's token. Trying again every 30 s.",
                "INFO yard: frames flow again to http://server:8080/cameras/yard/frame after 2.5 s");
        assertThat(stats.state()).isEqualTo(UploadState.CONNECTED);
    }

    @Test
    void aServerAwayFromTheStartIsGreetedWithTheFirstFrameNotFramesFlowingAgain() {
        state.away("cannot connect to server:8080: refused");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(4));
        state.away("cannot connect to server:8080: refused");
        state.accepted();
        assertThat(log.lines("INFO yard:")).containsExactly(
                "INFO yard: first frame accepted by http://server:8080/cameras/yard/frame after 4.0 s of trying");
    }
}
