package org.livecam.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateMeterTest {
    @Test
    void reportsZeroBeforeAnyEvent() {
        assertThat(new RateMeter().perSecond(1_000_000)).isZero();
    }

    @Test
    void averagesTheLastFiveWholeSeconds() {
        RateMeter meter = new RateMeter();
        long start = 1_000_000;
        for (int second = 0; second < 5; second++) {
            for (int i = 0; i < 15; i++) {
                meter.mark(start + second * 1000L + i * 66);
            }
        }
        assertThat(meter.perSecond(start + 5000)).isEqualTo(15.0);
    }

    @Test
    void ignoresTheSecondInProgress() {
        RateMeter meter = new RateMeter();
        long start = 2_000_000;
        for (int i = 0; i < 30; i++) {
            meter.mark(start + i * 10);
        }
        assertThat(meter.perSecond(start + 500)).isZero();
        assertThat(meter.perSecond(start + 1000)).isEqualTo(30 / 5.0);
    }

    @Test
    void forgetsEventsOlderThanTheWindow() {
        RateMeter meter = new RateMeter();
        long start = 3_000_000;
        for (int i = 0; i < 50; i++) {
            meter.mark(start + i * 10);
        }
        assertThat(meter.perSecond(start + 5999)).isEqualTo(10.0);
        assertThat(meter.perSecond(start + 6000)).isZero();
        assertThat(meter.perSecond(start + 60_000)).isZero();
    }

    @Test
    void startsAgainAfterALongSilence() {
        RateMeter meter = new RateMeter();
        meter.mark(4_000_000);
        long later = 4_000_000 + 3_600_000;
        for (int i = 0; i < 10; i++) {
            meter.mark(later + i * 100);
        }
        assertThat(meter.perSecond(later + 1000)).isEqualTo(2.0);
    }
}
