package org.livecam.push;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The lines one logger writes while a test runs, as {@code LEVEL message}; the logger is set to
 * DEBUG meanwhile, so a test can see the attempts that, by design, earn no line above DEBUG.
 */
final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level levelBefore;

    private CapturedLog(Class<?> owner) {
        logger = (Logger) LoggerFactory.getLogger(owner);
        levelBefore = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    static CapturedLog of(Class<?> owner) {
        return new CapturedLog(owner);
    }

    /** The lines so far at INFO and above that contain {@code text}: what a user sees by default. */
    List<String> lines(String text) {
        return lines(text, Level.INFO);
    }

    /** The DEBUG lines so far that contain {@code text}. */
    List<String> debugLines(String text) {
        return lines(text, Level.DEBUG).stream().filter(line -> line.startsWith("DEBUG")).toList();
    }

    private List<String> lines(String text, Level atLeast) {
        List<ILoggingEvent> events;
        synchronized (appender) { // the appender adds under this lock, from the uploader's thread
            events = List.copyOf(appender.list);
        }
        return events.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(atLeast))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .filter(line -> line.contains(text))
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(levelBefore);
    }
}
