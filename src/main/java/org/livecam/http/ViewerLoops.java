package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link LoopFanouts} of each event loop of one server, so that every viewer connection on a
 * loop shares one fanout per feed with the others there. Thread-safe.
 */
final class ViewerLoops {
    private final Map<Object, LoopFanouts> byLoop = new ConcurrentHashMap<>();

    /** The fanouts of the loop {@code channel} lives on. Called on that loop. */
    LoopFanouts of(NettyBridge.ChannelLink channel) {
        Context context = Vertx.currentContext();
        return byLoop.computeIfAbsent(channel.eventLoop(), loop -> LoopFanouts.on(context));
    }
}
