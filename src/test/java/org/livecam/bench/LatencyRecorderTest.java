package org.livecam.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
    @Test
    void percentilesAreWithinAFewPercent() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (long micros = 1; micros <= 100_000; micros++) {
            recorder.record(micros * 1000);
        }
        assertThat((double) recorder.percentileMicros(50)).isCloseTo(50_000, offset(50_000 * 0.04));
        assertThat((double) recorder.percentileMicros(99)).isCloseTo(99_000, offset(99_000 * 0.04));
        assertThat(recorder.percentileMicros(100)).isEqualTo(100_000);
        assertThat(recorder.count()).isEqualTo(100_000);
    }

    @Test
    void mergedRecordersCountBoth() {
        LatencyRecorder fast = new LatencyRecorder();
        LatencyRecorder slow = new LatencyRecorder();
        fast.record(1_000_000);
        slow.record(900_000_000);
        fast.add(slow);
        assertThat(fast.count()).isEqualTo(2);
        assertThat(fast.maxMicros()).isEqualTo(900_000);
        assertThat(fast.percentileMicros(50)).isBetween(1000L, 1040L);
    }

    @Test
    void everyBucketHoldsTheValuesItClaims() {
        for (long micros = 0; micros < 10_000_000; micros = micros * 5 / 4 + 1) {
            int index = LatencyRecorder.index(micros);
            assertThat(LatencyRecorder.upperBound(index)).isGreaterThanOrEqualTo(micros);
            if (index > 0) {
                assertThat(LatencyRecorder.upperBound(index - 1)).isLessThan(micros);
            }
        }
    }
}
