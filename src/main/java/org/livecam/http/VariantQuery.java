package org.livecam.http;

import io.vertx.core.http.HttpServerRequest;
import org.livecam.variant.VariantSize;
import org.livecam.variant.VariantSizes;

/**
 * {@code ?width=} and {@code ?height=} of snapshot, stream and ws, snapped to the allowed sizes;
 * and {@code ?width=auto}, which streams move between sizes as the viewer's link allows.
 */
final class VariantQuery {
    static final int MAX_SIDE = 16384;
    /** Names the snapped size (as 320xauto) on an answer, so ?width=100 answered at 320 is no mystery. */
    static final String HEADER = "X-Variant-Size";

    private VariantQuery() {
    }

    /** {@code ?width=auto}: the size that fits the viewer's link, chosen as it goes (streams only). */
    static final String AUTO = "auto";

    /** True for {@code ?width=auto}. */
    static boolean isAuto(HttpServerRequest request) {
        return AUTO.equalsIgnoreCase(request.getParam("width"));
    }

    /**
     * The snapped size asked for, or null for the original (and for {@code ?width=auto}, which a
     * snapshot answers at the camera's own size). Reads the request only; the answer names the size.
     */
    static VariantSize parse(HttpServerRequest request, VariantSizes sizes) throws Query.BadParameter {
        return parse(request.getParam("width"), request.getParam("height"), sizes);
    }

    /** The same from the raw {@code ?width=} and {@code ?height=} values (null when absent). */
    static VariantSize parse(String widthParam, String heightParam, VariantSizes sizes) throws Query.BadParameter {
        if (AUTO.equalsIgnoreCase(widthParam)) {
            Long height = Query.optionalLong("height", heightParam, 1, MAX_SIDE);
            return height == null ? null : sizes.snap(null, height.intValue());
        }
        Long width = Query.optionalLong("width", widthParam, 1, MAX_SIDE);
        Long height = Query.optionalLong("height", heightParam, 1, MAX_SIDE);
        return sizes.snap(width == null ? null : width.intValue(), height == null ? null : height.intValue());
    }
}
