package org.livecam.source;

import java.nio.ByteBuffer;
import org.livecam.frame.Camera;
import org.livecam.frame.FrameTooLargeException;
import org.livecam.frame.InvalidJpegException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Validates what a source yields and publishes the good frames to one camera. */
public final class CameraFeed implements FrameSink {
    private static final Logger log = LoggerFactory.getLogger(CameraFeed.class);
    private static final long WARN_EVERY_MILLIS = 10_000;

    private final Camera camera;
    private long lastWarningMillis;
    private long rejectedSinceWarning;

    public CameraFeed(Camera camera) {
        this.camera = camera;
    }

    @Override
    public void accept(ByteBuffer jpeg) {
        try {
            camera.publish(jpeg, camera.pixelLimit().inspect(jpeg));
        } catch (FrameTooLargeException e) {
            // Every frame of such a source is as large: the camera says why it shows nothing new.
            camera.markOffline("its source sends frames too large to take: " + e.getMessage());
            warn(e);
        } catch (InvalidJpegException e) {
            warn(e);
        }
    }

    /** One line per ten seconds at most, with how many frames were dropped since the last. */
    private void warn(InvalidJpegException e) {
        rejectedSinceWarning++;
        long now = System.currentTimeMillis();
        if (now - lastWarningMillis >= WARN_EVERY_MILLIS) {
            log.warn("Camera {}: dropped {} bad frame(s) from its source: {}", camera.id(), rejectedSinceWarning, e.getMessage());
            lastWarningMillis = now;
            rejectedSinceWarning = 0;
        }
    }

    /** Viewers keep the last frame; the API and the page say why it is not moving. */
    @Override
    public void sourceFailed(String problem) {
        camera.markOffline(problem);
    }

    @Override
    public void sourceRetrying() {
        camera.counters().sourceRestarted();
    }
}
