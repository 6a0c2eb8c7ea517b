package org.livecam.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.ManualClock;

/** More than ten failures from one address within a minute: that address waits out the minute, others do not. */
class SignInThrottleTest {
    private final ManualClock clock = new ManualClock();
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void theEleventhFailureWithinAMinuteBlocksUntilTheMinuteIsOver() {
        try (CapturedLog log = CapturedLog.of(SignInThrottle.class)) {
            for (int i = 0; i < 10; i++) {
                assertThat(throttle.failed("10.0.0.1")).isZero();
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(throttle.failed("10.0.0.1")).isEqualTo(50);
            assertThat(throttle.failed("10.0.0.1")).isEqualTo(50);
            assertThat(throttle.retryAfterSeconds("10.0.0.2")).as("another address").isZero();

            clock.advance(Duration.ofSeconds(49));
            assertThat(throttle.retryAfterSeconds("10.0.0.1")).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            assertThat(throttle.retryAfterSeconds("10.0.0.1")).isZero();
            assertThat(throttle.failed("10.0.0.1")).as("a new minute counts from zero").isZero();
            assertThat(log.lines("10.0.0.1")).hasSize(1);
        }
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteNeverBlock() {
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.failed("10.0.0.1")).isZero();
            clock.advance(Duration.ofSeconds(7));
        }
    }
}
