package org.livecam.http;

import java.time.Instant;
import org.livecam.variant.VariantSize;
import org.livecam.variant.VariantSizes;

/**
 * The query parsers of the viewing routes, opened to {@code org.livecam.fuzz}: the same calls the
 * handlers make on a request's decoded parameters, without a request.
 */
public final class QueryParsing {
    /** What a handler answers 400 with; its message names the parameter. */
    public static final class BadParameter extends Exception {
        BadParameter(Query.BadParameter e) {
            super(e.getMessage());
        }
    }

    private QueryParsing() {
    }

    public static Long optionalLong(String name, String value, long min, long max) throws BadParameter {
        try {
            return Query.optionalLong(name, value, min, max);
        } catch (Query.BadParameter e) {
            throw new BadParameter(e);
        }
    }

    public static Double optionalDouble(String name, String value, double min, double max) throws BadParameter {
        try {
            return Query.optionalDouble(name, value, min, max);
        } catch (Query.BadParameter e) {
            throw new BadParameter(e);
        }
    }

    public static VariantSize variant(String width, String height, VariantSizes sizes) throws BadParameter {
        try {
            return VariantQuery.parse(width, height, sizes);
        } catch (Query.BadParameter e) {
            throw new BadParameter(e);
        }
    }

    /** An archive time; IllegalArgumentException (a 400) with the accepted forms. */
    public static Instant archiveTime(String name, String value, Instant fallback) {
        return ArchiveTime.parse(name, value, fallback);
    }

    public static int maxSide() {
        return VariantQuery.MAX_SIDE;
    }
}
