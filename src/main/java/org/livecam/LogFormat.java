package org.livecam;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

/**
 * How log lines look on the console: {@code text}, one line each as logback.xml writes them; or
 * {@code json}, one JSON object per line for log shippers (logback's own {@link JsonEncoder}:
 * timestamp, level, thread, logger, the formatted message, key-value pairs such as a viewer
 * session's figures, and the stack trace of an error).
 */
public enum LogFormat {
    TEXT, JSON;

    /** Switches the console appender of logback.xml to this format; text leaves it as configured. */
    void apply() {
        if (this == TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Appender<ILoggingEvent> appender = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("console");
        if (!(appender instanceof OutputStreamAppender<ILoggingEvent> console)) {
            return;
        }
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMessage(false); // the pattern with its {} placeholders; the formatted message is what people read
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        json.start();
        console.stop();
        console.setEncoder(json);
        console.start();
    }
}
