package org.livecam.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.livecam.frame.InvalidJpegException;
import org.livecam.frame.Jpeg;
import org.livecam.wire.ByteSink;
import org.livecam.wire.ChunkedParser;
import org.livecam.wire.MultipartParser;
import org.livecam.wire.ResponseHead;

/**
 * Reads {@code GET /cameras/{id}/stream.mjpg} as a browser would, without decoding images: the
 * HTTP response head, chunked transfer coding when the server uses it (Vert.x does for an
 * endless body), then multipart parts found by their {@code Content-Length}. Of each part only
 * the first bytes are kept, to read the {@link FrameStamp}; the rest is skipped where it lies in
 * the read buffer, so one thread can follow hundreds of streams. A frame counts when its last
 * byte is in, not when the boundary after it comes. A viewer that reads sizes keeps the first
 * {@link #SIZE_PREFIX_BYTES} instead, where an encoder puts the SOF segment.
 */
final class MjpegLoadViewer extends StreamDecoder implements MultipartParser.Listener {
    static final int SIZE_PREFIX_BYTES = 2048;

    private final byte[] prefix;
    private final boolean readSizes;
    private int prefixLength;

    MjpegLoadViewer(String host, String path, ViewerStats stats) {
        this(host, path, stats, false);
    }

    MjpegLoadViewer(String host, String path, ViewerStats stats, boolean readSizes) {
        super(host, path, stats);
        this.readSizes = readSizes;
        this.prefix = new byte[readSizes ? SIZE_PREFIX_BYTES : FrameStamp.PREFIX_BYTES];
    }

    @Override
    String headers() {
        return "Accept: multipart/x-mixed-replace\r\n";
    }

    @Override
    ByteSink bodyAfter(ResponseHead response) throws IOException {
        if (response.status() != 200) {
            throw new IOException("server answered '" + response.statusLine() + "'");
        }
        String boundary = response.boundary();
        if (boundary == null) {
            throw new IOException("no multipart boundary in Content-Type '" + response.header("Content-Type") + "'");
        }
        MultipartParser parts = new MultipartParser(boundary, false, this);
        return response.chunked() ? new ChunkedParser(parts) : parts;
    }

    @Override
    public void partStarted(Map<String, String> headers) {
        prefixLength = 0;
    }

    @Override
    public void partBody(ByteBuffer data) {
        int keep = Math.min(data.remaining(), prefix.length - prefixLength);
        if (keep > 0) {
            data.get(data.position(), prefix, prefixLength, keep);
            prefixLength += keep;
        }
    }

    @Override
    public void partEnded() {
        frameArrived(FrameStamp.read(prefix, prefixLength), readSizes ? sizeOf(prefix, prefixLength) : null);
    }

    /** The size in a JPEG's first bytes (the one JPEG reader, given an EOI to end on), or null. */
    static Jpeg.Size sizeOf(byte[] start, int length) {
        byte[] closed = Arrays.copyOf(start, length + 2);
        closed[length] = (byte) 0xFF;
        closed[length + 1] = (byte) Jpeg.EOI;
        try {
            return Jpeg.inspect(ByteBuffer.wrap(closed));
        } catch (InvalidJpegException e) {
            return null; // its SOF lies past the prefix, or it is no JPEG
        }
    }
}
