package org.livecam.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import org.slf4j.Marker;

/**
 * Turns Netty's warning about a failed accept into {@link AcceptFailures} (named in logback.xml).
 *
 * <p>When {@code accept} fails on the listening socket (native epoll: {@code accept(..) failed
 * with error(-24): Too many open files}; NIO: an IOException "Too many open files"), Netty fires
 * the exception down the server channel's pipeline, where no Vert.x handler takes it, and the
 * pipeline's tail logs "An exceptionCaught() event was fired, and it reached at the tail of the
 * pipeline", once a second for as long as the descriptors are short. Vert.x gives no handle on
 * the server channel's pipeline, so the log is where that event can be caught. Thread-safe.
 */
public final class AcceptFailureFilter extends TurboFilter {
    private static final String NETTY_PIPELINE_LOGGER = "io.netty.channel.DefaultChannelPipeline";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable error) {
        Throwable cause = error != null ? error : lastThrowable(params);
        if (!isAcceptFailure(logger, cause)) {
            return FilterReply.NEUTRAL;
        }
        AcceptFailures.failed(cause);
        return FilterReply.DENY;
    }

    static boolean isAcceptFailure(Logger logger, Throwable error) {
        if (!(error instanceof IOException) || logger == null || !NETTY_PIPELINE_LOGGER.equals(logger.getName())) {
            return false;
        }
        String message = String.valueOf(error.getMessage());
        return message.startsWith("accept(") || message.contains("Too many open files");
    }

    /** SLF4J passes the throwable as the last argument when the message has no slot for it. */
    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable t ? t : null;
    }
}
