package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void waitsGrowToTheCapAndNeverPassIt() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofMillis(1500));
        long longest = 0;
        for (int i = 0; i < 200; i++) {
            long wait = backoff.next().toMillis();
            assertThat(wait).isBetween(250L, 1500L);
            longest = Math.max(longest, wait);
        }
        assertThat(longest).as("after many failures the waits reach the upper half of the cap").isGreaterThanOrEqualTo(750);
    }

    @Test
    void successStartsTheNextFailureFromTheFirstWait() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(250L, 500L);
    }

    @Test
    void waitsAreJitteredSoCamerasDoNotReturnInStep() {
        long first = -1;
        boolean differ = false;
        for (int i = 0; i < 50 && !differ; i++) {
            Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofMillis(1500));
            long wait = backoff.next().toMillis();
            differ = first >= 0 && wait != first;
            first = wait;
        }
        assertThat(differ).isTrue();
    }
}
