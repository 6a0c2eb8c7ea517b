package org.livecam.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.livecam.http.QueryParsing;
import org.livecam.variant.VariantSize;
import org.livecam.variant.VariantSizes;

/**
 * The query parameters of the viewing routes, decoded from a raw query string as Vert.x decodes
 * a request's (Netty's {@code QueryStringDecoder}): {@code ?width=}, {@code ?height=} (and
 * {@code ?width=auto}), {@code ?after=}, {@code ?fps=} and the archive's {@code from=}/{@code to=}/{@code t=}.
 * Each is a value in its range or the handler's clear 400 (BadParameter or IllegalArgumentException),
 * nothing else; a variant size is one of the allowed ones, never larger than asked.
 */
class QueryFuzzTest {
    private static final VariantSizes SIZES = VariantSizes.defaults();

    @FuzzTest(maxDuration = "10m")
    void viewingQuery(FuzzedDataProvider data) {
        Map<String, List<String>> params;
        try {
            params = new QueryStringDecoder(data.consumeRemainingAsString(), false).parameters();
        } catch (IllegalArgumentException e) {
            return; // Vert.x answers 400 before any handler runs
        }
        String width = first(params, "width");
        String height = first(params, "height");
        try {
            VariantSize size = QueryParsing.variant(width, height, SIZES);
            if (size != null) {
                assertThat(size.width() == 0 || VariantSizes.DEFAULT_WIDTHS.contains(size.width())).as("width %s", size).isTrue();
                assertThat(size.height() == 0 || VariantSizes.DEFAULT_HEIGHTS.contains(size.height())).as("height %s", size).isTrue();
            } else {
                assertThat(width == null || width.isEmpty() || width.equalsIgnoreCase("auto")).as("no size for ?width=%s&height=%s", width, height).isTrue();
            }
        } catch (QueryParsing.BadParameter e) {
            assertThat(e.getMessage()).contains("?");
        }
        try {
            Long after = QueryParsing.optionalLong("after", first(params, "after"), 0, Long.MAX_VALUE);
            assertThat(after == null || after >= 0).isTrue();
        } catch (QueryParsing.BadParameter e) {
            assertThat(e.getMessage()).contains("?after=");
        }
        try {
            Double fps = QueryParsing.optionalDouble("fps", first(params, "fps"), 0.01, 1000);
            assertThat(fps == null || (fps >= 0.01 && fps <= 1000)).isTrue();
        } catch (QueryParsing.BadParameter e) {
            assertThat(e.getMessage()).contains("?fps=");
        }
        for (String name : List.of("from", "to", "t")) {
            try {
                Instant time = QueryParsing.archiveTime(name, first(params, name), Instant.EPOCH);
                assertThat(time).isNotNull();
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).startsWith(name + "=");
            }
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
