package org.livecam.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.livecam.config.Durations;

/**
 * Turns a source spec from the command line or the config file into a {@link FrameSource}.
 *
 * <pre>
 * test:?size=1280x720&amp;fps=15          the generated test pattern (defaults shown)
 * exec:COMMAND ARGS... [#fps=30&amp;stall=10s]
 *                                       a command's stdout: concatenated JPEGs or multipart;
 *                                       words are split like a shell ('...', "...", \);
 *                                       options follow an unquoted # at the start of a word
 * http://[user:pass@]host/path[#fps=2&amp;stall=10s]
 * https://...                           an MJPEG stream, or a single JPEG polled at fps;
 *                                       options go after #, which is never sent to the camera
 * dir:PATH?fps=5&amp;watch=false           the JPEGs of a folder in name order, looping; with
 *                                       watch=true, each new file as it appears
 * </pre>
 *
 * {@code fps} is the most frames a second the camera gets: test and dir make frames at that
 * rate; exec and http streams drop what comes faster, unread (default {@value #DEFAULT_MAX_FPS});
 * an http single JPEG is polled at it (default 2). A camera's {@code fps} in the config file
 * stands in for a spec without one. {@code stall} is how long without a frame counts as a
 * failure (then the source restarts with backoff); {@code 0} turns it off. Durations read as
 * 500ms, 10s, 2m. Unknown schemes and options are errors, with a message that says what is
 * allowed.
 */
public final class SourceSpecs {
    static final Duration DEFAULT_STALL = Duration.ofSeconds(10);
    /** The cap of a stream source (exec, http) whose spec and camera say none. */
    public static final double DEFAULT_MAX_FPS = 30;

    private SourceSpecs() {
    }

    /** Parses {@code spec}; throws IllegalArgumentException with a message a user can act on. */
    public static FrameSource parse(String spec, Clock clock) {
        return parse(spec, OptionalDouble.empty(), clock);
    }

    /** Parses {@code spec}, with {@code cameraFps} (from the camera's entry in the config file) for a spec without fps. */
    public static FrameSource parse(String spec, OptionalDouble cameraFps, Clock clock) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty source spec");
        }
        String s = spec.strip();
        String lower = s.toLowerCase();
        if (lower.startsWith("test:")) {
            return test(s.substring("test:".length()), cameraFps, clock);
        }
        if (lower.startsWith("exec:")) {
            return exec(s.substring("exec:".length()), cameraFps);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return http(s, cameraFps);
        }
        if (lower.startsWith("dir:")) {
            return dir(s.substring("dir:".length()), cameraFps);
        }
        String shown = Secrets.redact(s);
        throw new IllegalArgumentException("unknown source '" + (shown.length() > 60 ? shown.substring(0, 57) + "..." : shown)
                + "': expected test:, exec:COMMAND, http://URL, https://URL or dir:PATH");
    }

    private static FrameSource test(String rest, OptionalDouble cameraFps, Clock clock) {
        Map<String, String> options = options("test:", rest, Set.of("size", "fps"));
        int[] size = size(options.getOrDefault("size", "1280x720"));
        return new TestPatternSource(size[0], size[1], fps("test:", options, cameraFps).orElse(15), clock);
    }

    private static FrameSource exec(String rest, OptionalDouble cameraFps) {
        ShellWords.Parsed parsed = ShellWords.split(rest);
        Map<String, String> options = options("exec:", parsed.options(), Set.of("fps", "stall"));
        if (parsed.words().isEmpty()) {
            throw new IllegalArgumentException("exec: needs a command, as in exec:ffmpeg -i ... -f mjpeg -");
        }
        String program = parsed.words().get(0);
        if (Path.of(program).getFileName() == null) { // found by fuzzing: exec:/ failed with a NullPointerException
            throw new IllegalArgumentException("exec: needs a program to run, not '" + program + "'");
        }
        return new ExecSource(parsed.words(), duration("exec:", "stall", options.get("stall"), DEFAULT_STALL),
                fps("exec:", options, cameraFps).orElse(DEFAULT_MAX_FPS));
    }

    private static FrameSource http(String spec, OptionalDouble cameraFps) {
        int hash = spec.indexOf('#');
        String url = hash < 0 ? spec : spec.substring(0, hash);
        Map<String, String> options = options("http:", hash < 0 ? "" : spec.substring(hash + 1), Set.of("fps", "stall"));
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad URL '" + Secrets.redact(url) + "': " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URL has no host: " + Secrets.redact(url));
        }
        OptionalDouble fps = fps("http:", options, cameraFps);
        return new HttpMjpegSource(uri, fps.orElse(2), fps.orElse(DEFAULT_MAX_FPS),
                duration("http:", "stall", options.get("stall"), DEFAULT_STALL));
    }

    private static FrameSource dir(String rest, OptionalDouble cameraFps) {
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        if (path.isBlank()) {
            throw new IllegalArgumentException("dir: needs a folder, as in dir:/var/lib/cam?fps=5");
        }
        Map<String, String> options = options("dir:", q < 0 ? "" : rest.substring(q + 1), Set.of("fps", "watch"));
        String watch = options.getOrDefault("watch", "false").toLowerCase();
        if (!watch.equals("true") && !watch.equals("false")) {
            throw new IllegalArgumentException("dir: watch must be true or false, not '" + watch + "'");
        }
        return new DirectorySource(Path.of(path), fps("dir:", options, cameraFps).orElse(5), watch.equals("true"));
    }

    /** The spec's fps, else the camera's, else empty (the scheme's default). */
    private static OptionalDouble fps(String scheme, Map<String, String> options, OptionalDouble cameraFps) {
        String value = options.get("fps");
        return value != null ? OptionalDouble.of(number(scheme, "fps", value)) : cameraFps;
    }

    /** The {@code a=1&b=2} part of a spec (a leading ? is allowed) as a map; only {@code known} names. */
    static Map<String, String> options(String scheme, String query, Set<String> known) {
        Map<String, String> options = new LinkedHashMap<>();
        String q = query.startsWith("?") ? query.substring(1) : query;
        if (q.isBlank()) {
            return options;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(scheme + " option '" + pair + "' must look like name=value");
            }
            String name = pair.substring(0, eq).trim().toLowerCase();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(scheme + " has no option '" + name + "'; it knows " + String.join(", ", known.stream().sorted().toList()));
            }
            options.put(name, pair.substring(eq + 1).trim());
        }
        return options;
    }

    private static int[] size(String value) {
        String[] parts = value.toLowerCase().split("x");
        if (parts.length != 2 || !parts[0].matches("\\d{1,5}") || !parts[1].matches("\\d{1,5}")) {
            throw new IllegalArgumentException("size must look like 1280x720, not '" + value + "'");
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private static double number(String scheme, String name, String value) {
        try {
            double d = Double.parseDouble(value);
            if (!(d > 0)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(scheme + " " + name + " must be a number above 0, not '" + value + "'");
        }
    }

    private static Duration duration(String scheme, String name, String value, Duration otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            Duration d = Durations.parse(value);
            if (d.isNegative()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(scheme + " " + name + " must be a duration such as 500ms, 10s or 2m (0 turns it off), not '" + value + "'");
        }
    }
}
