package org.livecam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The pages in real headless Chromium when the WebSocket does not get through: MJPEG, then snapshot polling. */
class PageFallbacksTest {
    @RegisterExtension
    static final LivePages pages = new LivePages();

    @Test
    void gridFallsBackToMjpegAndThenToPollingWhenNeitherGetsThrough() {
        // As behind a proxy that refuses the upgrade: every WebSocket of the page ends in a 404.
        pages.injectBeforeTheNextPage("(() => { const Native = window.WebSocket;"
                + "window.WebSocket = class extends Native {"
                + "  constructor(url, ...rest) { super(String(url).replace(/\\/ws$/, '/no-such-socket'), ...rest); } }; })();");
        pages.blockUrls("*/stream.mjpg*");
        pages.open("/");
        List<WebElement> tiles = pages.waitForTiles();
        new WebDriverWait(pages.browser(), LivePages.PATIENCE)
                .withMessage(() -> "transports: " + tiles.stream().map(tile -> tile.getAttribute("data-transport")).toList())
                .until(b -> tiles.stream().allMatch(tile -> "poll".equals(tile.getAttribute("data-transport"))));
        pages.waitUntilEveryTileDraws(tiles, 3);
        List<String> tried = pages.resourcePaths().stream().filter(path -> path.endsWith("/stream.mjpg")).toList();
        assertThat(tried).as("MJPEG was tried before polling").isNotEmpty();
    }

    @Test
    void snapshotPollingFallbackStillUpdatesEveryTile() {
        pages.open("/?transport=poll");
        List<WebElement> tiles = pages.waitForTiles();
        pages.waitUntilEveryTileDraws(tiles, 3);
        assertThat(tiles).allMatch(tile -> "poll".equals(tile.getAttribute("data-transport")));
    }

    @Test
    void mjpegFallbackShowsTheStreamInAnImage() {
        pages.open("/cameras/cam5?transport=mjpeg");
        new WebDriverWait(pages.browser(), LivePages.PATIENCE).until(b -> {
            List<WebElement> images = b.findElements(By.cssSelector("#view img"));
            return !images.isEmpty() && "160".equals(images.get(0).getDomProperty("naturalWidth"));
        });
        assertThat(pages.browser().findElement(By.id("view")).getAttribute("data-transport")).isEqualTo("mjpeg");
        assertThat(pages.browser().findElement(By.cssSelector("#view img")).getAttribute("src")).endsWith("/cameras/cam5/stream.mjpg");
    }

    @Test
    void mjpegFallbackCountsTheFramesItShowsAndShowsNoLatencyItCannotKnow() {
        pages.open("/cameras/cam5?transport=mjpeg");
        new WebDriverWait(pages.browser(), LivePages.PATIENCE)
                .withMessage(() -> "fps here: " + pages.stat("fps here"))
                .until(b -> {
                    String fps = pages.stat("fps here");
                    return fps != null && Double.parseDouble(fps) >= 2;
                });
        assertThat(pages.stat("latency")).startsWith("—");
        String caption = pages.browser().findElement(By.cssSelector("#view figcaption")).getText();
        assertThat(caption).contains(" fps").doesNotContain("0.0 fps").contains("— ms");
    }
}
