package org.livecam.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops one warning that Vert.x 5.0 makes on its own, and nothing else (named in logback.xml).
 *
 * <p>When a WebSocket peer sends a close frame and drops the connection while the server's
 * answering close frame still waits in Vert.x's outbound queue (the socket was full of frames:
 * the browser left a page while a camera streamed), the channel goes inactive, Vert.x fails the
 * queued answer, and the answer's listener ({@code WebSocketConnectionImpl.finishClose}) closes
 * the connection again: {@code VertxConnection.writeClose} writes to the closed queue, which
 * fails its close promise, and then hands that same, already failed, promise to
 * {@code ChannelHandlerContext.close}. Netty refuses it ("promise already done") and
 * {@code DefaultPromise} logs a 60-line WARN. It is harmless: the trace starts in
 * {@code channelInactive}, so the channel is closed already and the refused call was a second
 * close; the socket's close handler still runs (the viewer leaves, its lane unsubscribes).
 * Nothing on our side can keep Vert.x from queueing its answer behind a full socket.
 * Thread-safe.
 */
public final class VertxCloseRaceFilter extends TurboFilter {
    private static final String NETTY_PROMISE_LOGGER = "io.netty.util.concurrent.DefaultPromise";
    private static final String VERTX_CONNECTION = "io.vertx.core.net.impl.VertxConnection";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable error) {
        return isTheCloseRace(logger, error) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    static boolean isTheCloseRace(Logger logger, Throwable error) {
        if (!(error instanceof IllegalArgumentException) || logger == null || !NETTY_PROMISE_LOGGER.equals(logger.getName())
                || error.getMessage() == null || !error.getMessage().startsWith("promise already done")) {
            return false;
        }
        for (StackTraceElement frame : error.getStackTrace()) {
            if (VERTX_CONNECTION.equals(frame.getClassName()) && frame.getMethodName().startsWith("lambda$writeClose")) {
                return true;
            }
        }
        return false;
    }
}
