package org.livecam.source;

import java.io.IOException;
import java.io.InputStream;
import org.livecam.frame.Jpeg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a byte stream into whole JPEGs: a concatenated JPEG stream ({@code ffmpeg -f mjpeg -},
 * {@code jpegenc ! fdsink}) or a multipart one ({@code multipartmux}, an IP camera's
 * {@code multipart/x-mixed-replace}), fed in chunks of any size.
 *
 * <p>Edges are found by JPEG markers, never by a blind search for FF D9: after SOI, marker
 * segments are skipped by their lengths (so an EXIF thumbnail inside APP1, or FF D9 inside a
 * COM segment, is not an end); after SOS the entropy-coded data is scanned, where FF is always
 * followed by 00 (a stuffed byte), a restart marker D0-D7, a fill FF, or a real marker; EOI ends
 * the frame. Anything between frames (garbage, boundary lines, part headers) is skipped.
 *
 * <p>Memory is bounded: a frame that grows past {@code maxFrameBytes} is dropped (one warning
 * per splitter) and parsing goes on without keeping its bytes until its end. A frame cut short
 * (a truncated tail, or a new SOI in the middle of one) is never passed on. Not thread-safe:
 * one splitter per stream, fed from one thread.
 */
public final class MjpegSplitter {
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(MjpegSplitter.class);
    // Input is taken in slices of this size, so the buffer never outgrows a frame by more.
    private static final int SLICE = 64 * 1024;

    private enum State { SEEK, MARKER, LENGTH_HIGH, LENGTH_LOW, SEGMENT, ENTROPY }

    private final int maxFrameBytes;
    private final SplitBuffer in;
    private State state = State.SEEK;
    private boolean sawFF;
    private int marker;
    private int segmentRemaining;
    private boolean skipping; // inside a frame too big to keep
    private boolean warnedOversize;
    private long framesEmitted;
    private long framesDropped;
    private long bytesSinceFrame; // what came since the last frame passed on, for noFrameReason()
    private long oversizeSinceFrame;

    public MjpegSplitter(int maxFrameBytes) {
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("max frame bytes must be at least 1024: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.in = new SplitBuffer(SLICE, maxFrameBytes + 2 * SLICE);
    }

    public MjpegSplitter() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    /** Parses {@code data[offset, offset+length)}; each whole JPEG found goes to {@code sink} at once. */
    public void feed(byte[] data, int offset, int length, FrameSink sink) {
        int end = offset + length;
        bytesSinceFrame += length;
        for (int at = offset; at < end; at += SLICE) {
            int n = Math.min(SLICE, end - at);
            in.append(data, at, n);
            parse(sink);
        }
    }

    public void feed(byte[] data, FrameSink sink) {
        feed(data, 0, data.length, sink);
    }

    /** Feeds everything {@code in} yields until it ends (return) or fails (throw): the read loop of every stream source. */
    public void feedAll(InputStream in, FrameSink sink) throws IOException {
        byte[] chunk = new byte[SLICE];
        int n;
        while ((n = in.read(chunk)) > 0) {
            feed(chunk, 0, n, sink);
        }
    }

    /** Whole frames passed on so far. */
    public long framesEmitted() {
        return framesEmitted;
    }

    /** Frames begun but not passed on: too big, cut short or corrupt. */
    public long framesDropped() {
        return framesDropped;
    }

    /**
     * Why no frame came out lately, for a camera's offline reason: frames too big, one that has not
     * ended, or bytes that hold no JPEG, since the last frame passed on, or nothing ever; {@code null} when the stream
     * just went quiet after frames.
     */
    public String noFrameReason() {
        if (oversizeSinceFrame > 0) {
            return oversizeSinceFrame + " frame(s) larger than " + (maxFrameBytes >> 20) + " MB dropped";
        }
        if (state != State.SEEK && !skipping) {
            return "a frame still unfinished after " + in.position() + " bytes";
        }
        if (bytesSinceFrame > 0) {
            return "not a JPEG stream: " + bytesSinceFrame + " bytes " + (framesEmitted == 0 ? "and" : "since the last frame,")
                    + " no whole JPEG in them";
        }
        return framesEmitted == 0 ? "no output at all" : null;
    }

    private void parse(FrameSink sink) {
        while (in.hasMore()) {
            switch (state) {
                case SEEK -> seek();
                case MARKER -> marker(sink);
                case LENGTH_HIGH -> lengthHigh();
                case LENGTH_LOW -> lengthLow();
                case SEGMENT -> segment();
                case ENTROPY -> entropy(sink);
            }
            if (state != State.SEEK && !skipping && in.position() > maxFrameBytes) {
                dropOversize();
            }
        }
        if (skipping) {
            discardParsed();
        } else if (state == State.SEEK) {
            // Keep a trailing FF: it may be the first half of the next SOI.
            in.discard(in.endsWithFF() ? in.length() - 1 : in.length());
        }
    }

    /** Between segments: a marker must come (FF, fill FFs, then its code). */
    private void marker(FrameSink sink) {
        int b = in.next();
        if (!sawFF) {
            if (b == 0xFF) {
                sawFF = true;
            } else {
                corrupt(); // a segment must be followed by a marker
            }
        } else if (b != 0xFF) { // FF FF is fill
            sawFF = false;
            if (b == 0x00) {
                corrupt();
            } else {
                onMarker(b, sink);
            }
        }
    }

    private void lengthHigh() {
        segmentRemaining = in.next() << 8;
        state = State.LENGTH_LOW;
    }

    private void lengthLow() {
        segmentRemaining = (segmentRemaining | in.next()) - 2; // the length counts its own two bytes
        if (segmentRemaining < 0) {
            corrupt();
        } else {
            state = State.SEGMENT;
        }
    }

    /** Skips the segment's body by its length, however it is cut into chunks (an empty one at once). */
    private void segment() {
        segmentRemaining -= in.skip(segmentRemaining);
        if (segmentRemaining == 0) {
            afterSegment();
        }
    }

    /** After SOS's header comes entropy-coded data; after any other segment, a marker. */
    private void afterSegment() {
        state = marker == Jpeg.SOS ? State.ENTROPY : State.MARKER;
        sawFF = false;
    }

    private void dropOversize() {
        framesDropped++;
        oversizeSinceFrame++;
        skipping = true;
        if (!warnedOversize) {
            warnedOversize = true;
            log.warn("Dropping a frame over {} bytes; frames this big are skipped (this warning is shown once)", maxFrameBytes);
        }
        discardParsed();
    }

    /** Looks for an SOI from the parse position; on a hit, the frame starts at the buffer's start. */
    private void seek() {
        int soi = in.indexOfSoi(in.position() - 1);
        if (soi < 0) {
            in.moveTo(in.length());
            return;
        }
        in.discard(soi);
        startFrame();
    }

    private void startFrame() {
        in.moveTo(2);
        state = State.MARKER;
        sawFF = false;
        skipping = false;
    }

    /** Scans entropy-coded data for the next real marker. */
    private void entropy(FrameSink sink) {
        while (in.hasMore()) {
            int b = in.next();
            if (!sawFF) {
                sawFF = b == 0xFF;
                continue;
            }
            if (b == 0xFF) {
                continue; // fill
            }
            sawFF = false;
            if (b == 0x00 || (b >= 0xD0 && b <= 0xD7)) {
                continue; // stuffed byte or restart marker: still entropy data
            }
            onMarker(b, sink);
            return;
        }
    }

    private void onMarker(int b, FrameSink sink) {
        if (b == Jpeg.EOI) {
            if (!skipping && in.position() > maxFrameBytes) {
                // Found by fuzzing: the entropy scan (or a marker right after a segment) can reach
                // EOI within one step, before the size check between steps; a stream read in one
                // block then let through a frame over the limit that small reads dropped.
                dropOversize();
            }
            if (!skipping) {
                framesEmitted++;
                bytesSinceFrame = 0;
                oversizeSinceFrame = 0;
                sink.accept(in.parsed());
            }
            skipping = false;
            in.discard(in.position());
            state = State.SEEK;
        } else if (b == Jpeg.SOI) {
            // A new image begins before this one ended: this one was cut short.
            if (!skipping) {
                framesDropped++;
            }
            in.discard(in.position() - 2);
            startFrame();
        } else if (b == 0x01 || (b >= 0xD0 && b <= 0xD7)) {
            state = State.MARKER; // standalone markers carry no length
        } else {
            marker = b;
            state = State.LENGTH_HIGH;
        }
    }

    /** Not a JPEG after all: look again for an SOI from the byte after this one's start. */
    private void corrupt() {
        if (!skipping) {
            framesDropped++;
            in.discard(1);
            in.moveTo(0);
        } else {
            in.discard(in.position());
        }
        skipping = false;
        state = State.SEEK;
    }

    /** While skipping a frame too big to keep; a pending FF stays, it may begin the next marker. */
    private void discardParsed() {
        in.discard(sawFF ? in.position() - 1 : in.position());
    }
}
