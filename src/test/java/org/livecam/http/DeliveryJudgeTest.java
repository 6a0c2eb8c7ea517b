package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livecam.http.DeliveryJudge.Step;

/** When ?width=auto steps down and up, on a clock that only the test moves. */
class DeliveryJudgeTest {
    private static final long MS = 1_000_000L;
    private final DeliveryJudge judge = new DeliveryJudge(0);
    private long now;
    private long busy;

    @Test
    void aViewerThatSkipsMostFramesForThreeSecondsStepsDownAndNotBefore() {
        assertThat(run(2, 30, 3, 1.0)).containsOnly(Step.STAY);
        assertThat(run(1, 30, 3, 1.0)).as("the third bad second").containsExactly(Step.SMALLER);
    }

    @Test
    void aMomentaryStallIsNoReasonToStepDown() {
        List<Step> steps = new ArrayList<>();
        for (int second = 0; second < 20; second++) {
            steps.addAll(run(1, 30, second % 3 == 2 ? 2 : 30, second % 3 == 2 ? 0.9 : 0.05)); // bad one second in three
        }
        assertThat(steps).doesNotContain(Step.SMALLER);
    }

    @Test
    void aViewerThatGetsEveryFrameWithRoomToSpareStepsUpAfterEightSeconds() {
        assertThat(run(7, 30, 30, 0.1)).containsOnly(Step.STAY);
        assertThat(run(1, 30, 30, 0.1)).containsExactly(Step.LARGER);
    }

    @Test
    void aViewerThatGetsEveryFrameButIsBusyMostOfTheTimeStays() {
        assertThat(run(30, 30, 30, 0.6)).as("a larger size would not fit").containsOnly(Step.STAY);
    }

    @Test
    void aStepUpThatDoesNotHoldMakesTheNextOneWaitTwiceAsLong() {
        assertThat(run(8, 30, 30, 0.1)).containsOnly(Step.STAY, Step.LARGER).contains(Step.LARGER);
        assertThat(run(3, 30, 5, 1.0)).as("the larger size did not hold").contains(Step.SMALLER);
        assertThat(run(15, 30, 30, 0.1)).as("good again, but not yet long enough").containsOnly(Step.STAY);
        assertThat(run(1, 30, 30, 0.1)).containsExactly(Step.LARGER);
    }

    @Test
    void framesBeyondTheViewersOwnFpsCapAreNotMissed() {
        DeliveryJudge capped = new DeliveryJudge(200 * MS); // ?fps=5 on a 30 fps camera
        List<Step> steps = new ArrayList<>();
        for (int second = 0; second < 10; second++) {
            steps.addAll(run(capped, 1, 30, 5, 0.05));
        }
        assertThat(steps).doesNotContain(Step.SMALLER).contains(Step.LARGER);
    }

    private List<Step> run(int seconds, int offeredPerSecond, int writtenPerSecond, double busyFraction) {
        return run(judge, seconds, offeredPerSecond, writtenPerSecond, busyFraction);
    }

    /** Seconds of frames: each second, so many offered and written, the connection busy that fraction of it. */
    private List<Step> run(DeliveryJudge target, int seconds, int offeredPerSecond, int writtenPerSecond, double busyFraction) {
        List<Step> steps = new ArrayList<>();
        if (now == 0) {
            now = 1;
            target.judge(now, busy); // the first frame opens the first window
        }
        for (int second = 0; second < seconds; second++) {
            long step = 1000 * MS / offeredPerSecond + 1; // the window closes on the second's last frame
            for (int frame = 0; frame < offeredPerSecond; frame++) {
                now += step;
                busy += (long) (step * busyFraction);
                if (frame < writtenPerSecond) {
                    target.written();
                }
                target.offered();
                Step verdict = target.judge(now, busy);
                if (verdict != Step.STAY || frame == offeredPerSecond - 1) {
                    steps.add(verdict);
                }
            }
        }
        return steps;
    }
}
