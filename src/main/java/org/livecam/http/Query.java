package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.function.Function;
import java.util.function.Predicate;

/** Numeric query parameters with a clear 400 when they are not numbers in range. */
final class Query {
    /** A query parameter that is not a number in range; its message names the parameter. */
    static final class BadParameter extends Exception {
        BadParameter(String message) {
            super(message);
        }
    }

    private Query() {
    }

    static Long optionalLong(HttpServerRequest request, String name, long min, long max) throws BadParameter {
        return optionalLong(name, request.getParam(name), min, max);
    }

    static Double optionalDouble(HttpServerRequest request, String name, double min, double max) throws BadParameter {
        return optionalDouble(name, request.getParam(name), min, max);
    }

    /** {@code value} of the parameter {@code name} (null when absent), parsed as on a request. */
    static Long optionalLong(String name, String value, long min, long max) throws BadParameter {
        return optional(name, value, "a whole number", Long::parseLong, v -> v >= min && v <= max, min + " and " + max);
    }

    static Double optionalDouble(String name, String value, double min, double max) throws BadParameter {
        // NaN fails both comparisons, so it is out of range.
        return optional(name, value, "a number", Double::parseDouble, v -> v >= min && v <= max, min + " and " + max);
    }

    /** The parameter parsed, null when absent or empty; {@code kind} and {@code range} are for the 400's message. */
    private static <T> T optional(String name, String value, String kind, Function<String, T> parse,
                                  Predicate<T> inRange, String range) throws BadParameter {
        if (value == null || value.isEmpty()) {
            return null;
        }
        T parsed;
        try {
            parsed = parse.apply(value);
        } catch (NumberFormatException e) {
            throw new BadParameter("?" + name + "= must be " + kind + ", not '" + value + "'");
        }
        if (!inRange.test(parsed)) {
            throw new BadParameter("?" + name + "= must be between " + range + ", not " + value);
        }
        return parsed;
    }
}
