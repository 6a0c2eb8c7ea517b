package org.livecam.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.livecam.wire.ByteSink;
import org.livecam.wire.ResponseHead;
import org.livecam.wire.WebSocketFrameParser;

/**
 * Reads {@code GET /cameras/{id}/ws} (a text message of metadata, then one binary message per
 * frame) without decoding images: the HTTP upgrade (101), then RFC 6455 frames. A binary message
 * may start with a small header of the server's own before the JPEG, so the first {@link #KEPT}
 * bytes of each are kept and searched for the {@link FrameStamp}. Text messages are skipped.
 *
 * <p>Nothing is ever written after the upgrade, so a server's pings go unanswered; livecam does
 * not ping. A close frame ends the viewer.
 */
final class WebSocketLoadViewer extends StreamDecoder implements WebSocketFrameParser.Listener {
    static final int KEPT = 256;

    private final WebSocketFrameParser frames = new WebSocketFrameParser(this);
    private final byte[] message = new byte[KEPT];
    private boolean binary;
    private int kept;

    WebSocketLoadViewer(String host, String path, ViewerStats stats) {
        super(host, path, stats);
    }

    @Override
    String headers() {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n";
    }

    @Override
    ByteSink bodyAfter(ResponseHead response) throws IOException {
        if (response.status() != 101) {
            throw new IOException("server answered '" + response.statusLine() + "' to the WebSocket upgrade");
        }
        return frames;
    }

    @Override
    public void messageStarted(int opcode) {
        binary = opcode == WebSocketFrameParser.OP_BINARY;
        kept = 0;
    }

    @Override
    public void payload(ByteBuffer data) {
        int keep = Math.min(data.remaining(), KEPT - kept);
        if (binary && keep > 0) {
            data.get(data.position(), message, kept, keep);
            kept += keep;
        }
    }

    @Override
    public void messageEnded() {
        if (binary) {
            frameArrived(FrameStamp.find(message, kept));
        }
    }
}
