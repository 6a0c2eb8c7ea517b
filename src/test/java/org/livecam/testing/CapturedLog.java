package org.livecam.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The lines a logger (and the loggers under it) writes while a test runs, as
 * {@code LEVEL logger-name message}, with the stack trace's first line when there is one.
 * {@link #all()} listens to the root logger: every line any library writes, Vert.x and Netty too.
 * Thread-safe: the server logs on its event loops while the test reads.
 */
public final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    /** What {@code owner}'s logger writes at its configured level. */
    public static CapturedLog of(Class<?> owner) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(owner));
    }

    /** What every logger writes at its configured level. */
    public static CapturedLog all() {
        return new CapturedLog((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
    }

    /** The lines so far at INFO and above that contain {@code text}. */
    public List<String> lines(String text) {
        return lines(Level.INFO).stream().filter(line -> line.contains(text)).toList();
    }

    /** Every line so far at {@code atLeast} or above. */
    public List<String> lines(Level atLeast) {
        List<ILoggingEvent> events;
        synchronized (appender) { // the appender adds under this lock
            events = List.copyOf(appender.list);
        }
        return events.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(atLeast))
                .map(CapturedLog::line)
                .toList();
    }

    private static String line(ILoggingEvent event) {
        String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
        return event.getThrowableProxy() == null ? line
                : line + " | " + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
