package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The filter drops only Vert.x's close race; the same logger's other warnings pass. */
class VertxCloseRaceFilterTest {
    private final Logger promises = (Logger) LoggerFactory.getLogger("io.netty.util.concurrent.DefaultPromise");

    @Test
    void dropsThePromiseAlreadyDoneOfVertxsSecondClose() {
        assertThat(VertxCloseRaceFilter.isTheCloseRace(promises, race("io.vertx.core.net.impl.VertxConnection", "lambda$writeClose$2"))).isTrue();
    }

    @Test
    void keepsTheSameMessageFromAnywhereElse() {
        assertThat(VertxCloseRaceFilter.isTheCloseRace(promises, race("org.livecam.http.Somewhere", "write"))).isFalse();
        Logger other = (Logger) LoggerFactory.getLogger(StreamHandler.class);
        assertThat(VertxCloseRaceFilter.isTheCloseRace(other, race("io.vertx.core.net.impl.VertxConnection", "lambda$writeClose$2"))).isFalse();
        assertThat(VertxCloseRaceFilter.isTheCloseRace(promises, new IllegalStateException("promise already done"))).isFalse();
    }

    private static IllegalArgumentException race(String className, String method) {
        IllegalArgumentException error = new IllegalArgumentException("promise already done: CloseChannelPromise(success)");
        error.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("io.netty.channel.AbstractChannelHandlerContext", "close", "x.java", 1),
            new StackTraceElement(className, method, "x.java", 2)});
        return error;
    }
}
