package org.livecam.variant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.livecam.frame.Jpeg;

class VariantSizesTest {
    private final VariantSizes sizes = VariantSizes.defaults();

    @Test
    void requestsSnapDownToTheNearestAllowedWidth() {
        assertThat(sizes.snap(640, null)).isEqualTo(new VariantSize(640, 0));
        assertThat(sizes.snap(700, null)).isEqualTo(new VariantSize(640, 0));
        assertThat(sizes.snap(100, null)).isEqualTo(new VariantSize(320, 0));
        assertThat(sizes.snap(99999, null)).isEqualTo(new VariantSize(1280, 0));
        assertThat(sizes.snap(null, null)).isNull();
    }

    @Test
    void aThousandDifferentRequestsMakeOnlyAFewSizes() {
        java.util.Set<VariantSize> distinct = new java.util.HashSet<>();
        for (int w = 1; w <= 1000; w++) {
            distinct.add(sizes.snap(w * 7, w * 5));
        }
        assertThat(distinct.size()).isLessThanOrEqualTo(VariantSizes.DEFAULT_WIDTHS.size() * VariantSizes.DEFAULT_HEIGHTS.size());
    }

    @Test
    void aspectIsKeptUnlessBothSidesAreGiven() {
        assertThat(new VariantSize(640, 0).fit(1280, 720)).isEqualTo(new Jpeg.Size(640, 360));
        assertThat(new VariantSize(0, 360).fit(1280, 720)).isEqualTo(new Jpeg.Size(640, 360));
        assertThat(sizes.snap(800, 600).fit(1280, 720)).isEqualTo(new Jpeg.Size(800, 600));
    }

    @Test
    void neverLargerThanTheSource() {
        assertThat(new VariantSize(1280, 0).fit(640, 360)).isEqualTo(new Jpeg.Size(640, 360));
        assertThat(new VariantSize(800, 600).fit(640, 360)).isEqualTo(new Jpeg.Size(640, 360));
    }
}
