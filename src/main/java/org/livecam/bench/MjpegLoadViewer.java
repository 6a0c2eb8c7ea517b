package org.livecam.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.livecam.wire.ByteSink;
import org.livecam.wire.ChunkedParser;
import org.livecam.wire.MultipartParser;
import org.livecam.wire.ResponseHead;
import org.livecam.wire.ResponseHeadParser;

/**
 * Reads {@code GET /cameras/{id}/stream.mjpg} as a browser would, without decoding images: the
 * HTTP response head, chunked transfer coding when the server uses it (Vert.x does for an
 * endless body), then multipart parts found by their {@code Content-Length}. Of each part only
 * the first bytes are kept, to read the {@link FrameStamp}; the rest is skipped where it lies in
 * the read buffer, so one thread can follow hundreds of streams. A frame counts when its last
 * byte is in, not when the boundary after it comes.
 */
final class MjpegLoadViewer implements StreamDecoder, MultipartParser.Listener {
    private final String host;
    private final String path;
    private final ViewerStats stats;
    private final ResponseHeadParser head = new ResponseHeadParser();
    private final byte[] prefix = new byte[FrameStamp.PREFIX_BYTES];
    private ByteSink body;
    private int prefixLength;
    private long nowNanos;

    MjpegLoadViewer(String host, String path, ViewerStats stats) {
        this.host = host;
        this.path = path;
        this.stats = stats;
    }

    @Override
    public ByteBuffer request() {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: livecam-bench\r\n"
                + "Accept: multipart/x-mixed-replace\r\n\r\n";
        return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void read(ByteBuffer data, long nowNanos) throws IOException {
        this.nowNanos = nowNanos;
        if (body == null) {
            if (!head.parse(data)) {
                return;
            }
            body = bodyOf(head.head());
            stats.onConnected();
        }
        body.accept(data);
    }

    private ByteSink bodyOf(ResponseHead response) throws IOException {
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
        stats.onFrame(FrameStamp.read(prefix, prefixLength), nowNanos);
    }
}
