package org.livecam.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
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
 * byte is in, not when the boundary after it comes.
 */
final class MjpegLoadViewer extends StreamDecoder implements MultipartParser.Listener {
    private final byte[] prefix = new byte[FrameStamp.PREFIX_BYTES];
    private int prefixLength;

    MjpegLoadViewer(String host, String path, ViewerStats stats) {
        super(host, path, stats);
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
        frameArrived(FrameStamp.read(prefix, prefixLength));
    }
}
