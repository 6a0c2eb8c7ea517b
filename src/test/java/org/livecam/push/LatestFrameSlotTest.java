package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.livecam.testing.Await;

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
    void takeWakesWhenAFrameArrives() throws Exception {
        LatestFrameSlot slot = new LatestFrameSlot();
        CompletableFuture<byte[]> taken = new CompletableFuture<>();
        Thread taker = new Thread(() -> {
            try {
                taken.complete(slot.take(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                taken.completeExceptionally(e);
            }
        });
        taker.start();
        Await.until(() -> taker.getState() == Thread.State.TIMED_WAITING, Duration.ofSeconds(10), "take() waiting for a frame");
        slot.put(new byte[] {7});
        assertThat(taken.get(10, TimeUnit.SECONDS)).as("woken by put, long before take's own limit").containsExactly(7);
        taker.join();
    }
}
