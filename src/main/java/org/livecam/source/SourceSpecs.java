package org.livecam.source;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a source spec from the command line or the config file into a {@link FrameSource}.
 * Specs are URI-like: {@code test:?size=1280x720&fps=15}.
 */
public final class SourceSpecs {
    private SourceSpecs() {
    }

    /** Parses {@code spec}; throws IllegalArgumentException with a message a user can act on. */
    public static FrameSource parse(String spec, Clock clock) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty source spec");
        }
        if (spec.equals("test:") || spec.startsWith("test:?") || spec.startsWith("test:")) {
            Map<String, String> options = options(spec.substring("test:".length()));
            String[] size = options.getOrDefault("size", "1280x720").toLowerCase().split("x");
            if (size.length != 2) {
                throw new IllegalArgumentException("test: size must look like 1280x720");
            }
            try {
                return new TestPatternSource(Integer.parseInt(size[0]), Integer.parseInt(size[1]),
                        Double.parseDouble(options.getOrDefault("fps", "15")), clock);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("test: size and fps must be numbers: " + spec);
            }
        }
        throw new IllegalArgumentException("unknown source '" + spec + "': expected test:");
    }

    /** The {@code ?a=1&b=2} part of a spec as a map; an empty string gives an empty map. */
    static Map<String, String> options(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        String q = query.startsWith("?") ? query.substring(1) : query;
        if (q.isEmpty()) {
            return options;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("source option '" + pair + "' must look like name=value");
            }
            options.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return options;
    }
}
