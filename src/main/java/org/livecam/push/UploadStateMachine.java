package org.livecam.push;

import java.net.URI;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploader's state machine: moves its {@link UploadState} on what the server did with a
 * frame, records the reason in the stats, and writes exactly one log line per change of state,
 * none for an attempt that changes nothing (a server that stays away is one WARN however long
 * it stays away).
 *
 * <pre>
 * STARTING ──accepted──> CONNECTED ──away──> RETRYING ──accepted──> CONNECTED ("flow again after N s")
 *     │                      │    └──token refused──> UNAUTHORIZED ──accepted──> CONNECTED
 *     └──away / token refused: as from CONNECTED; accepted after it: "first frame accepted ... after N s"
 * </pre>
 *
 * <p>Threads: the uploader's sender thread only; the state it writes is read from any thread
 * through {@link UploadStats}. The lines go out under the uploader's logger, the name users see.
 */
final class UploadStateMachine {
    private static final Logger log = LoggerFactory.getLogger(Uploader.class);

    private final UploadStats stats;
    private final PushConfig config;
    private final URI target;
    private final LongSupplier nanoTime;
    private boolean everAccepted;
    private long awaySinceNanos;

    UploadStateMachine(UploadStats stats, PushConfig config, URI target, LongSupplier nanoTime) {
        this.stats = stats;
        this.config = config;
        this.target = target;
        this.nanoTime = nanoTime;
    }

    /** The server published a frame. */
    void accepted() {
        UploadState before = stats.state(UploadState.CONNECTED);
        if (before == UploadState.CONNECTED) {
            return;
        }
        String camera = config.camera();
        if (before == UploadState.STARTING) {
            log.info("{}: first frame accepted by {}", camera, target);
        } else if (!everAccepted) {
            log.info("{}: first frame accepted by {} after {} s of trying", camera, target, secondsAway());
        } else {
            log.info("{}: frames flow again to {} after {} s", camera, target, secondsAway());
        }
        everAccepted = true;
    }

    /** The server or the network is away: nothing published, the frame is not to blame for sure. */
    void away(String error) {
        stats.error(error);
        UploadState before = leave(UploadState.RETRYING);
        if (before != UploadState.RETRYING) {
            log.warn("{}: cannot publish to {}: {}; retrying with backoff (at most {} ms apart), keeping only the newest frame",
                    config.camera(), target, error, config.retryMax().toMillis());
        } else {
            log.debug("{}: still away: {}", config.camera(), error);
        }
    }

    /** The server refused the publish token: a configuration error, not a network one. */
    void tokenRefused(String error) {
        stats.error(error + " - check --token / LIVECAM_TOKEN against the server's --token");
        UploadState before = leave(UploadState.UNAUTHORIZED);
        if (before != UploadState.UNAUTHORIZED) {
            log.error("{}: the server at {} refused the publish token ({}). This is a configuration error: "
                            + "set --token or LIVECAM_TOKEN to the server's token. Trying again every {} s.",
                    config.camera(), target, error, config.authRetry().toSeconds());
        }
    }

    /** Moves to a state where frames do not flow, remembering since when for the line on return. */
    private UploadState leave(UploadState next) {
        UploadState before = stats.state(next);
        if (before == UploadState.CONNECTED || before == UploadState.STARTING) {
            awaySinceNanos = nanoTime.getAsLong();
        }
        return before;
    }

    private String secondsAway() {
        return String.format("%.1f", (nanoTime.getAsLong() - awaySinceNanos) / 1e9);
    }
}
