package org.livecam.variant;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.livecam.frame.Frame;
import org.livecam.frame.Jpeg;
import org.livecam.frame.JpegCodec;

/**
 * Decodes a frame, scales it and encodes it again with {@link JpegCodec}. Blocking and
 * CPU-bound: call it on a worker thread, never on an event loop. Thread-safe (no shared state).
 */
public final class VariantEncoder {
    private final float quality;

    public VariantEncoder(float quality) {
        this.quality = quality;
    }

    /** The frame at {@code target} pixels, with the source's sequence, time and staleness. */
    public Frame resize(Frame source, Jpeg.Size target) throws IOException {
        BufferedImage decoded = JpegCodec.decode(source.toByteArray(), target.width(), target.height());
        byte[] jpeg = JpegCodec.encode(JpegCodec.scale(decoded, target.width(), target.height()), quality);
        return source.resized(target, ByteBuffer.wrap(jpeg));
    }
}
