package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import org.livecam.variant.VariantSize;
import org.livecam.variant.VariantSizes;

/** {@code ?width=} and {@code ?height=} of snapshot, stream and ws, snapped to the allowed sizes. */
final class VariantQuery {
    static final int MAX_SIDE = 16384;

    private VariantQuery() {
    }

    /** The snapped size asked for, or null for the original. */
    static VariantSize parse(HttpServerRequest request, VariantSizes sizes) throws Query.BadParameter {
        Long width = Query.optionalLong(request, "width", 1, MAX_SIDE);
        Long height = Query.optionalLong(request, "height", 1, MAX_SIDE);
        return sizes.snap(width == null ? null : width.intValue(), height == null ? null : height.intValue());
    }
}
