package org.livecam.http;

import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.livecam.variant.VariantSize;
import org.livecam.variant.Variants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ?width=auto} for one lane: it starts at the camera's own size and, as its
 * {@link DeliveryJudge} says, moves one allowed width down (a link that cannot hold the camera's
 * rate) or up (one with room to spare), by leaving one feed and joining another. The sizes stay
 * shared: every viewer at a width, auto or not, is fed by the same variant. Event loop only.
 */
final class AutoWidth {
    private static final Logger log = LoggerFactory.getLogger(AutoWidth.class);

    private final Camera camera;
    private final Variants variants;
    private final LoopFanouts loop;
    private final DeliveryJudge judge;
    private FrameLane lane;
    private Integer width; // null: the camera's own size

    AutoWidth(Camera camera, Variants variants, LoopFanouts loop, long minIntervalNanos) {
        this.camera = camera;
        this.variants = variants;
        this.loop = loop;
        this.judge = new DeliveryJudge(minIntervalNanos);
    }

    /** Feeds {@code target} at the camera's own size; the returned action leaves whichever feed it is on then. */
    void start(FrameLane target) {
        this.lane = target;
        lane.leaveWith(loop.join(variants.feed(camera, null), lane));
    }

    /** A new frame reached the lane: counted, and perhaps the window closes and the size changes. */
    void offered(long nowNanos, long busyNanos) {
        judge.offered();
        DeliveryJudge.Step step = judge.judge(nowNanos, busyNanos);
        if (step == DeliveryJudge.Step.SMALLER) {
            Integer smaller = variants.sizes().widthBelow(pixelWidth());
            if (smaller != null) {
                switchTo(smaller);
            }
        } else if (step == DeliveryJudge.Step.LARGER && width != null) {
            Integer larger = variants.sizes().widthAbove(width);
            Frame latest = camera.latest();
            switchTo(larger == null || (latest != null && larger >= latest.width()) ? null : larger);
        }
    }

    void written() {
        judge.written();
    }

    /** The width of the frames it gets now. */
    private int pixelWidth() {
        Frame latest = camera.latest();
        int full = latest == null ? Integer.MAX_VALUE : latest.width();
        return width == null ? full : Math.min(width, full);
    }

    /** Joins the new feed before leaving the old, so the camera's demand never dips to zero on the way. */
    private void switchTo(Integer newWidth) {
        log.debug("Auto-width viewer of {} moves from {} to {}", camera.id(), width == null ? "full size" : width,
                newWidth == null ? "full size" : newWidth);
        width = newWidth;
        judge.reset();
        lane.refeed(() -> loop.join(variants.feed(camera, newWidth == null ? null : new VariantSize(newWidth, 0)), lane));
    }

    /** The width asked for now, null for the camera's own size (tests and figures). */
    Integer width() {
        return width;
    }
}
