package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.push.FrameTransport.Outcome.Kind.LOST;
import static org.livecam.push.FrameTransport.Outcome.Kind.REFUSED;
import static org.livecam.push.FrameTransport.Outcome.Kind.SENT;
import static org.livecam.push.FrameTransport.Outcome.Kind.UNAUTHORIZED;
import static org.livecam.push.FrameTransport.Outcome.Kind.UNREACHABLE;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.livecam.source.Backoff;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(new Backoff(Duration.ofMillis(400), Duration.ofMillis(1600)), Duration.ofSeconds(30));
    private final byte[] frame = {1};

    @Test
    void aFrameThatNeverReachedAConnectionIsSentAgainForAsLongAsItTakes() {
        for (int i = 0; i < 10; i++) {
            RetryPolicy.Decision next = policy.after(frame, UNREACHABLE);
            assertThat(next.sendAgain()).isTrue();
            assertThat(next.delay()).isBetween(Duration.ofMillis(200), Duration.ofMillis(1600));
        }
    }

    @Test
    void aFrameLostOnAnOpenConnectionGetsOneMoreTryOnly() {
        assertThat(policy.after(frame, UNREACHABLE).sendAgain()).isTrue();
        assertThat(policy.after(frame, LOST).sendAgain()).as("the first loss after connecting").isTrue();
        assertThat(policy.after(frame, LOST).sendAgain()).as("lost twice: the frame may be the cause").isFalse();
        assertThat(policy.after(new byte[] {2}, LOST).sendAgain()).as("another frame has its own try").isTrue();
    }

    @Test
    void aRefusedTokenWaitsAuthRetryAndASentOrRefusedFrameGoesOnAtOnce() {
        assertThat(policy.after(frame, UNAUTHORIZED).delay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.after(frame, REFUSED)).isEqualTo(new RetryPolicy.Decision(Duration.ZERO, false));
        assertThat(policy.after(frame, SENT)).isEqualTo(new RetryPolicy.Decision(Duration.ZERO, false));
    }

    @Test
    void aSuccessStartsTheBackoffAgainFromItsMinimum() {
        for (int i = 0; i < 5; i++) {
            policy.after(frame, UNREACHABLE);
        }
        policy.after(frame, SENT);
        assertThat(policy.after(frame, UNREACHABLE).delay()).isLessThanOrEqualTo(Duration.ofMillis(400));
    }
}
