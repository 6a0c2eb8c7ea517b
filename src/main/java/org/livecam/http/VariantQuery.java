package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import org.livecam.variant.VariantSize;
import org.livecam.variant.VariantSizes;

/** {@code ?width=} and {@code ?height=} of snapshot, stream and ws, snapped to the allowed sizes. */
final class VariantQuery {
    static final int MAX_SIDE = 16384;
    /** Names the snapped size (as 320xauto) on an answer, so ?width=100 answered at 320 is no mystery. */
    static final String HEADER = "X-Variant-Size";

    private VariantQuery() {
    }

    /** The snapped size asked for, or null for the original. Reads the request only; the answer names the size. */
    static VariantSize parse(HttpServerRequest request, VariantSizes sizes) throws Query.BadParameter {
        Long width = Query.optionalLong(request, "width", 1, MAX_SIDE);
        Long height = Query.optionalLong(request, "height", 1, MAX_SIDE);
        return sizes.snap(width == null ? null : width.intValue(), height == null ? null : height.intValue());
    }
}
