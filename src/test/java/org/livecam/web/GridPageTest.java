package org.livecam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The grid page in real headless Chromium, fed by eight cameras that publish small frames
 * from eight threads: every tile must keep updating at once over the page's one WebSocket.
 */
class GridPageTest {
    @RegisterExtension
    static final LivePages pages = new LivePages();

    @Test
    void gridShowsAllEightCamerasUpdatingAtOnceOverOneWebSocket() {
        pages.recordWebSocketsOfTheNextPage();
        pages.open("/");
        List<WebElement> tiles = pages.waitForTiles();
        pages.waitUntilEveryTileDraws(tiles, 5);
        for (WebElement tile : tiles) {
            assertThat(tile.getAttribute("data-transport")).isEqualTo("ws");
            assertThat(tile.findElement(By.tagName("canvas")).getAttribute("width")).isEqualTo("160");
        }
        assertThat(tiles.get(0).findElement(By.tagName("figcaption")).getText()).contains("fps").contains("ms");
        assertThat(pages.box("figure[data-camera=cam0] figcaption").get(1)).as("the caption is below the picture, not over it")
                .isGreaterThanOrEqualTo(pages.box("figure[data-camera=cam0] canvas").get(3));
        assertThat(pages.browser().executeScript("return window.openedWebSockets"))
                .as("every camera of the page shares one WebSocket")
                .isEqualTo(List.of("ws://127.0.0.1:" + pages.server().port() + "/ws"));
    }

    @Test
    void everyPageHasAFaviconTheServerServes() {
        var icon = pages.server().get("/favicon.ico");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        for (String page : List.of("/", "/cameras/cam1", "/test")) {
            pages.open(page);
            assertThat(pages.browser().executeScript("return fetch(document.querySelector('link[rel=icon]').href)"
                    + ".then(r => r.status + ' ' + r.headers.get('Content-Type'))")).as(page).isEqualTo("200 image/svg+xml");
        }
    }

    @Test
    void everyPageModuleIsServedAsJavaScript() throws Exception {
        // Browsers refuse a module served with any other content type, and then the page stays empty.
        try (var files = Files.list(Path.of(getClass().getResource("/web/grid.js").toURI()).getParent())) {
            List<String> modules = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".js")).toList();
            assertThat(modules).contains("grid.js", "camera.js", "socket-hub.js");
            for (String module : modules) {
                var response = pages.server().get("/static/" + module);
                assertThat(response.statusCode()).as(module).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).as(module)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
            }
        }
    }
}
