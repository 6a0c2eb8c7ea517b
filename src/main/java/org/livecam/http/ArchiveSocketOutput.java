package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.livecam.record.RecordedFrame;

/**
 * {@code GET /cameras/{id}/archive/play.ws?from=&to=&speed=}: a replay on a WebSocket, in the
 * live socket's scheme: before each frame a text message
 * {@code {"type":"frame","camera":"garden","seq":42,"time":1700000000123,"sent":1700000099000,"bytes":31337}}
 * ({@code time}: when the frame was recorded; {@code sent}: when the server wrote it to the socket,
 * which shows how far a slow viewer holds the replay back; both epoch milliseconds), then the
 * JPEG as one binary message. When the
 * range is over, {@code {"type":"end","frames":N}} and a normal close (1000); when the archive
 * cannot be read, a close with 1011; when the share link that let the viewer in expires or is
 * revoked, a close with 1008 and that reason. Room is the channel's writability in bytes (Vert.x counts a
 * server WebSocket's queue in messages; see {@link ViewerConnection#writable}). Event loop only.
 */
final class ArchiveSocketOutput implements ArchiveReplay.Output {
    static final short DONE = 1000;
    static final short READ_FAILED = 1011;
    static final short REFUSED = 1008; // policy violation, as a live socket whose share link ends

    private final ServerWebSocket socket;
    private final NettyBridge.ChannelLink channel;
    private final String cameraId;
    private Runnable stopWaking = () -> { };
    private long frames;

    /** {@code channel} is the upgraded request's, taken before the upgrade. */
    ArchiveSocketOutput(ServerWebSocket socket, NettyBridge.ChannelLink channel, String cameraId) {
        this.socket = socket;
        this.channel = channel;
        this.cameraId = cameraId;
    }

    @Override
    public boolean full() {
        return socket.isClosed() || !channel.writable() || socket.writeQueueFull();
    }

    @Override
    public void write(RecordedFrame frame) {
        frames++;
        socket.writeTextMessage(new JsonObject()
                .put("type", "frame")
                .put("camera", cameraId)
                .put("seq", frame.sequence())
                .put("time", frame.time().toEpochMilli())
                .put("sent", System.currentTimeMillis())
                .put("bytes", frame.jpeg().length)
                .encode());
        socket.writeBinaryMessage(Buffer.buffer(frame.jpeg()));
    }

    @Override
    public void end() {
        stopWaking.run();
        if (!socket.isClosed()) {
            socket.writeTextMessage(new JsonObject().put("type", "end").put("frames", frames).encode());
            socket.close(DONE, "replay done");
        }
    }

    @Override
    public void fail(String why) {
        stopWaking.run();
        if (!socket.isClosed()) {
            socket.close(READ_FAILED, "cannot read the archive"); // a close reason must fit in 123 bytes; the log has the rest
        }
    }

    @Override
    public void refused(String why) {
        stopWaking.run();
        if (!socket.isClosed()) {
            socket.close(REFUSED, why);
        }
    }

    @Override
    public void onRoomAndClose(Runnable step, Runnable closed) {
        Context context = Vertx.currentContext();
        socket.drainHandler(v -> step.run());
        // Vert.x drains a WebSocket by its own message queue: the channel regaining room is what must wake the replay.
        stopWaking = channel.onWritable(() -> context.runOnContext(v -> step.run()));
        socket.closeHandler(v -> {
            stopWaking.run();
            closed.run();
        });
        socket.handler(ignored -> { }); // the viewer has nothing to say; a close frame is answered by Vert.x
    }
}
