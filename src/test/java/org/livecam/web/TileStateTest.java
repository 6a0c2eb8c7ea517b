package org.livecam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.TestJpegs;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What a tile says of its camera in real headless Chromium when frames stop coming, or the server goes away. */
class TileStateTest {
    @RegisterExtension
    static final LivePages pages = new LivePages(c -> c.withHttp(h -> h.withStaleAfter(Duration.ofMillis(1500))));

    @Test
    void aCameraThatStoppedSendingShowsHowOldItsLastFrameIs() {
        for (int i = 0; i < 3; i++) {
            pages.server().publish("still", TestJpegs.solid(160, 90, Color.RED));
        }
        pages.open("/");
        new WebDriverWait(pages.browser(), LivePages.PATIENCE)
                .withMessage(() -> "the tile says: " + state("still"))
                .until(b -> String.valueOf(state("still")).matches("last frame \\d+ s ago"));
        assertThat(caption("still")).doesNotContain("live").doesNotContain("fps");

        pages.open("/cameras/still");
        new WebDriverWait(pages.browser(), LivePages.PATIENCE)
                .withMessage(() -> "the page says: " + pages.stat("state"))
                .until(b -> String.valueOf(pages.stat("state")).matches("stale \\(last frame \\d+ s ago\\)"));
    }

    @Test
    void tilesStopClaimingLiveWhenThePageLosesTheServer() throws Exception {
        pages.open("/");
        List<WebElement> tiles = pages.waitForTiles();
        List<String> cameras = tiles.stream().map(tile -> tile.getAttribute("data-camera")).toList();
        WebDriverWait wait = new WebDriverWait(pages.browser(), LivePages.PATIENCE);
        wait.withMessage(() -> "states: " + cameras.stream().map(TileStateTest::state).toList())
                .until(b -> cameras.stream().allMatch(id -> "live".equals(state(id))));
        pages.stopServer();
        wait.until(b -> cameras.stream().allMatch(id -> "connection lost".equals(state(id))));
        assertThat(caption(cameras.get(0))).doesNotContain("live").doesNotContain("fps");
    }

    private static Object state(String camera) {
        return pages.browser().executeScript(
                "const s = document.querySelector('figure[data-camera=\"' + arguments[0] + '\"] .state'); return s && s.textContent;", camera);
    }

    private static String caption(String camera) {
        return (String) pages.browser().executeScript(
                "return document.querySelector('figure[data-camera=\"' + arguments[0] + '\"] figcaption').textContent;", camera);
    }
}
