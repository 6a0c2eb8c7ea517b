package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;

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
        String value = request.getParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new BadParameter("?" + name + "= must be between " + min + " and " + max + ", not " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadParameter("?" + name + "= must be a whole number, not '" + value + "'");
        }
    }

    static Double optionalDouble(HttpServerRequest request, String name, double min, double max) throws BadParameter {
        String value = request.getParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (!(parsed >= min && parsed <= max)) {
                throw new BadParameter("?" + name + "= must be between " + min + " and " + max + ", not " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadParameter("?" + name + "= must be a number, not '" + value + "'");
        }
    }
}
