package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatestFrameSlotTest {
    @Test
    void aNewerFrameReplacesTheOneWaitingAndOnlyOneIsKept() throws InterruptedException {
        LatestFrameSlot slot = new LatestFrameSlot();
        assertThat(slot.put(new byte[] {1})).isFalse();
        assertThat(slot.put(new byte[] {2})).isTrue();
        assertThat(slot.put(new byte[] {3})).isTrue();
        assertThat(slot.size()).isEqualTo(1);
        assertThat(slot.take(1, TimeUnit.SECONDS)).containsExactly(3);
        assertThat(slot.size()).isZero();
        assertThat(slot.take(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aFailedFrameGoesBackOnlyWhenNothingNewerArrived() throws InterruptedException {
        LatestFrameSlot slot = new LatestFrameSlot();
        slot.putBackIfEmpty(new byte[] {1});
        assertThat(slot.take(1, TimeUnit.SECONDS)).containsExactly(1);
        slot.put(new byte[] {2});
        slot.putBackIfEmpty(new byte[] {1});
        assertThat(slot.take(1, TimeUnit.SECONDS)).containsExactly(2);
    }

    @Test
    void takeWakesWhenAFrameArrives() throws InterruptedException {
        LatestFrameSlot slot = new LatestFrameSlot();
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            slot.put(new byte[] {7});
        });
        producer.start();
        assertThat(slot.take(10, TimeUnit.SECONDS)).containsExactly(7);
        producer.join();
    }
}
