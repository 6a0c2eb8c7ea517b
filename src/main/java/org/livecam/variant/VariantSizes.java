package org.livecam.variant;

import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The sizes a client may ask for. Requests snap down to the nearest allowed width (and
 * height, when both are given), so no client can make the server encode a thousand sizes;
 * a request below the smallest allowed value gets the smallest.
 */
public final class VariantSizes {
    public static final List<Integer> DEFAULT_WIDTHS = List.of(320, 480, 640, 800, 960, 1280);
    /** Heights of the common 16:9 and 4:3 sizes, for requests that give both (the tutorial's /live800x600.jpeg). */
    public static final List<Integer> DEFAULT_HEIGHTS = List.of(180, 240, 270, 360, 450, 480, 540, 600, 720, 960);

    private final NavigableSet<Integer> widths;
    private final NavigableSet<Integer> heights;

    public VariantSizes(List<Integer> widths, List<Integer> heights) {
        if (widths.isEmpty() || heights.isEmpty() || widths.stream().anyMatch(w -> w < 16) || heights.stream().anyMatch(h -> h < 16)) {
            throw new IllegalArgumentException("allowed variant sizes must be at least 16 pixels: " + widths + " / " + heights);
        }
        this.widths = new TreeSet<>(widths);
        this.heights = new TreeSet<>(heights);
    }

    public static VariantSizes defaults() {
        return new VariantSizes(DEFAULT_WIDTHS, DEFAULT_HEIGHTS);
    }

    /** The allowed size for a request, or null when it asks for neither width nor height (the original). */
    public VariantSize snap(Integer width, Integer height) {
        if (width == null && height == null) {
            return null;
        }
        return new VariantSize(width == null ? 0 : snap(widths, width), height == null ? 0 : snap(heights, height));
    }

    private static int snap(NavigableSet<Integer> allowed, int requested) {
        Integer floor = allowed.floor(requested);
        return floor != null ? floor : allowed.first();
    }

    /** The largest allowed width below {@code width}, or null when there is none (for ?width=auto). */
    public Integer widthBelow(int width) {
        return widths.lower(width);
    }

    /** The smallest allowed width above {@code width}, or null when there is none (for ?width=auto). */
    public Integer widthAbove(int width) {
        return widths.higher(width);
    }
}
