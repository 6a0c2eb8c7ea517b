package org.livecam.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.livecam.frame.Jpeg;
import org.livecam.wire.ByteSink;
import org.livecam.wire.ResponseHead;
import org.livecam.wire.ResponseHeadParser;

/**
 * The protocol half of one load viewer: the GET to send once connected, then the response head,
 * then every later byte to the body parser that head picks; the body parser reports whole frames
 * with {@link #frameArrived}. The socket half ({@link LoadViewerSocket}, {@link ViewerLoop}) is the
 * same for every protocol, and so is the HTTP part here: a protocol names its request headers and
 * reads its body. The viewer counts as connected once its head is accepted.
 * Called on one viewer loop thread only.
 */
abstract class StreamDecoder {
    private final String requestHead;
    private final ViewerStats stats;
    private final ResponseHeadParser head = new ResponseHeadParser();
    private ByteSink body;
    private long nowNanos;

    StreamDecoder(String host, String path, ViewerStats stats) {
        this.requestHead = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: livecam-bench\r\n";
        this.stats = stats;
    }

    /** This protocol's request headers after the common ones, each line ending in CRLF. */
    abstract String headers();

    /** Checks the response head and gives the parser for what follows it; throws when the head is not the one expected. */
    abstract ByteSink bodyAfter(ResponseHead response) throws IOException;

    /** The request to write after the connection is made. */
    final ByteBuffer request() {
        return ByteBuffer.wrap((requestHead + headers() + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Consumes all of {@code data}; {@code nowNanos} is when it was read. Throws when the stream is not what was expected. */
    final void read(ByteBuffer data, long nowNanos) throws IOException {
        this.nowNanos = nowNanos;
        if (body == null) {
            if (!head.parse(data)) {
                return;
            }
            body = bodyAfter(head.head());
            stats.onConnected();
        }
        body.accept(data);
    }

    /** A whole frame is in, read at the time given to the current {@link #read}; {@code mark} is null when it had no stamp. */
    final void frameArrived(FrameStamp.Mark mark) {
        stats.onFrame(mark, nowNanos);
    }

    /** As {@link #frameArrived(FrameStamp.Mark)}, with the frame's size (null when unknown). */
    final void frameArrived(FrameStamp.Mark mark, Jpeg.Size size) {
        stats.onFrame(mark, size, nowNanos);
    }
}
