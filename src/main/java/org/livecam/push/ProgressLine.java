package org.livecam.push;

import java.util.Locale;

/**
 * The one line of stats {@code livecam push} prints every few seconds, from two snapshots:
 * {@code cam1: connected | captured 30.0 fps | sent 10.0 fps | dropped 100 | 412 KB/s | last error: none}.
 */
final class ProgressLine {
    private ProgressLine() {
    }

    static String format(String camera, UploadStats.Snapshot before, UploadStats.Snapshot now) {
        double seconds = Math.max(1e-3, (now.atNanos() - before.atNanos()) / 1e9);
        StringBuilder line = new StringBuilder(160);
        line.append(camera).append(": ").append(describe(now.state()))
                .append(String.format(Locale.ROOT, " | captured %.1f fps | sent %.1f fps | dropped %d",
                        (now.captured() - before.captured()) / seconds,
                        (now.sent() - before.sent()) / seconds,
                        now.dropped() - before.dropped()));
        long skipped = now.skipped() - before.skipped();
        if (skipped > 0) {
            line.append(" | refused ").append(skipped);
        }
        line.append(String.format(Locale.ROOT, " | %.0f KB/s", (now.bytesSent() - before.bytesSent()) / 1024.0 / seconds))
                .append(" | last error: ").append(now.lastError() == null ? "none" : now.lastError());
        return line.toString();
    }

    private static String describe(UploadState state) {
        return switch (state) {
            case STARTING -> "starting";
            case CONNECTED -> "connected";
            case RETRYING -> "retrying";
            case UNAUTHORIZED -> "UNAUTHORIZED (check --token / LIVECAM_TOKEN)";
        };
    }
}
