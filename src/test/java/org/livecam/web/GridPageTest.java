package org.livecam.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Chromium;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The viewer pages in real headless Chromium, fed by eight cameras that publish small frames
 * from eight threads: every tile must keep updating at once over the page's one WebSocket.
 */
class GridPageTest {
    private static final int CAMERAS = 8;
    private static Chromium chromium;
    private static ChromeDriver browser;

    @TempDir
    Path data;
    private TestServer server;
    private final AtomicBoolean publishing = new AtomicBoolean(true);
    private final List<Thread> publishers = new ArrayList<>();
    private final List<String> injectedScripts = new ArrayList<>();
    private boolean blockedUrls;

    @BeforeAll
    static void startBrowser() {
        assumeTrue(Chromium.available(), "chromium and chromedriver are not installed (scripts/test installs them)");
        chromium = Chromium.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void startCameras() {
        server = TestServer.start(data);
        for (int i = 0; i < CAMERAS; i++) {
            startPublisher("cam" + i, i);
        }
    }

    /** Publishes small frames five times a second from its own thread until the test ends. */
    private void startPublisher(String camera, int hue) {
        byte[][] frames = new byte[4][];
        for (int f = 0; f < frames.length; f++) {
            frames[f] = TestJpegs.solid(160, 90, Color.getHSBColor((hue * 4 + f) / 32f, 0.8f, 0.9f));
        }
        TestServer target = server;
        target.publish(camera, frames[0]);
        Thread publisher = new Thread(() -> {
            for (int n = 1; publishing.get(); n++) {
                target.publish(camera, frames[n % frames.length]);
                sleep(200);
            }
        }, "publisher-" + camera);
        publisher.start();
        publishers.add(publisher);
    }

    @AfterEach
    void undoBrowserChanges() {
        injectedScripts.forEach(id -> browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id)));
        if (blockedUrls) {
            browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    @AfterEach
    void stopCameras() throws InterruptedException {
        publishing.set(false);
        for (Thread publisher : publishers) {
            publisher.join(TimeUnit.SECONDS.toMillis(10));
        }
        server.close();
    }

    @Test
    void gridShowsAllEightCamerasUpdatingAtOnceOverOneWebSocket() {
        recordWebSocketsOfTheNextPage();
        browser.get(server.uri("/").toString());
        List<WebElement> tiles = waitForTiles();
        Map<String, Integer> before = framesByCamera(tiles);
        new WebDriverWait(browser, Duration.ofSeconds(45)).until(b -> {
            Map<String, Integer> now = framesByCamera(tiles);
            return before.keySet().stream().allMatch(id -> now.get(id) >= before.get(id) + 5);
        });
        for (WebElement tile : tiles) {
            assertThat(tile.getAttribute("data-transport")).isEqualTo("ws");
            assertThat(tile.findElement(By.tagName("canvas")).getAttribute("width")).isEqualTo("160");
        }
        assertThat(tiles.get(0).findElement(By.tagName("figcaption")).getText()).contains("fps").contains("ms");
        assertThat(browser.executeScript("return window.openedWebSockets"))
                .as("every camera of the page shares one WebSocket")
                .isEqualTo(List.of("ws://127.0.0.1:" + server.port() + "/ws"));
    }

    @Test
    void gridFallsBackToMjpegAndThenToPollingWhenNeitherGetsThrough() {
        // As behind a proxy that refuses the upgrade: every WebSocket of the page ends in a 404.
        injectBeforeTheNextPage("(() => { const Native = window.WebSocket;"
                + "window.WebSocket = class extends Native {"
                + "  constructor(url, ...rest) { super(String(url).replace(/\\/ws$/, '/no-such-socket'), ...rest); } }; })();");
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/stream.mjpg*")));
        blockedUrls = true;
        browser.get(server.uri("/").toString());
        List<WebElement> tiles = waitForTiles();
        new WebDriverWait(browser, Duration.ofSeconds(45))
                .withMessage(() -> "transports: " + tiles.stream().map(tile -> tile.getAttribute("data-transport")).toList())
                .until(b -> tiles.stream().allMatch(tile -> "poll".equals(tile.getAttribute("data-transport"))));
        Map<String, Integer> before = framesByCamera(tiles);
        new WebDriverWait(browser, Duration.ofSeconds(45)).until(b -> {
            Map<String, Integer> now = framesByCamera(tiles);
            return before.keySet().stream().allMatch(id -> now.get(id) >= before.get(id) + 3);
        });
        List<String> tried = resourcePaths().stream().filter(path -> path.endsWith("/stream.mjpg")).toList();
        assertThat(tried).as("MJPEG was tried before polling").isNotEmpty();
    }

    @Test
    void snapshotPollingFallbackStillUpdatesEveryTile() {
        browser.get(server.uri("/?transport=poll").toString());
        List<WebElement> tiles = waitForTiles();
        Map<String, Integer> before = framesByCamera(tiles);
        new WebDriverWait(browser, Duration.ofSeconds(45)).until(b -> {
            Map<String, Integer> now = framesByCamera(tiles);
            return before.keySet().stream().allMatch(id -> now.get(id) >= before.get(id) + 3);
        });
        assertThat(tiles).allMatch(tile -> "poll".equals(tile.getAttribute("data-transport")));
    }

    @Test
    void mjpegFallbackShowsTheStreamInAnImage() {
        browser.get(server.uri("/cameras/cam5?transport=mjpeg").toString());
        new WebDriverWait(browser, Duration.ofSeconds(45)).until(b -> {
            List<WebElement> images = b.findElements(By.cssSelector("#view img"));
            return !images.isEmpty() && "160".equals(images.get(0).getDomProperty("naturalWidth"));
        });
        assertThat(browser.findElement(By.id("view")).getAttribute("data-transport")).isEqualTo("mjpeg");
        assertThat(browser.findElement(By.cssSelector("#view img")).getAttribute("src")).endsWith("/cameras/cam5/stream.mjpg");
    }

    @Test
    void cameraPageShowsOneCameraLargeWithItsFigures() {
        browser.get(server.uri("/cameras/cam3").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(45));
        wait.until(b -> !b.findElements(By.cssSelector("#view canvas")).isEmpty());
        wait.until(b -> {
            String fps = stat("fps here");
            return fps != null && !fps.equals("–") && Double.parseDouble(fps) > 0;
        });
        assertThat(stat("resolution")).isEqualTo("160×90");
        assertThat(stat("state")).startsWith("live");
        assertThat(stat("transport")).isEqualTo("ws");
        assertThat(stat("latency")).endsWith("ms");
        assertThat(resourcePaths()).as("the page asks for its one camera, never for the whole list")
                .contains("/api/cameras/cam3").doesNotContain("/api/cameras");
    }

    @Test
    void cameraPageOfAnUnknownCameraSaysSo() {
        browser.get(server.uri("/cameras/nobody").toString());
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b -> b.findElement(By.id("view")).getText().contains("no camera named nobody"));
    }

    @Test
    void everyPageModuleIsServedAsJavaScript() throws Exception {
        // Browsers refuse a module served with any other content type, and then the page stays empty.
        try (var files = Files.list(Path.of(getClass().getResource("/web/grid.js").toURI()).getParent())) {
            List<String> modules = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".js")).toList();
            assertThat(modules).contains("grid.js", "camera.js", "socket-hub.js");
            for (String module : modules) {
                var response = server.get("/static/" + module);
                assertThat(response.statusCode()).as(module).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).as(module)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
            }
        }
    }

    @Test
    void playerReconnectsByItselfWhenTheServerComesBack() throws Exception {
        browser.get(server.uri("/cameras/cam3").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(45));
        wait.until(b -> frames(b.findElement(By.id("view"))) >= 3);
        int port = server.port();
        stopCameras();
        publishing.set(true);
        publishers.clear();
        server = TestServer.start(data, c -> c.withHttp(h -> h.withPort(port)));
        int before = frames(browser.findElement(By.id("view")));
        startPublisher("cam3", 3);
        wait.until(b -> frames(b.findElement(By.id("view"))) >= before + 3);
        assertThat(browser.findElement(By.id("view")).getAttribute("data-transport")).isEqualTo("ws");
    }

    /** From the next page load on, window.openedWebSockets lists the URL of every WebSocket the page opens. */
    private void recordWebSocketsOfTheNextPage() {
        injectBeforeTheNextPage("(() => { const Native = window.WebSocket; window.openedWebSockets = [];"
                + "window.WebSocket = class extends Native {"
                + "  constructor(...args) { super(...args); window.openedWebSockets.push(String(args[0])); } }; })();");
    }

    /** Runs this script in every page loaded from now on until the test ends, before the page's own scripts. */
    private void injectBeforeTheNextPage(String script) {
        Map<String, Object> added = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
        injectedScripts.add((String) added.get("identifier"));
    }

    /** One figure of the camera page, read in one script: the page rebuilds the list every second. */
    private static String stat(String name) {
        return (String) browser.executeScript("const d = document.querySelector('dd[data-stat=\"' + arguments[0] + '\"]');"
                + "return d ? d.textContent : null;", name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> resourcePaths() {
        return (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)");
    }

    private static int frames(WebElement tile) {
        String frames = tile.getAttribute("data-frames");
        return frames == null ? 0 : Integer.parseInt(frames);
    }

    private List<WebElement> waitForTiles() {
        new WebDriverWait(browser, Duration.ofSeconds(45))
                .until(b -> b.findElements(By.cssSelector("figure.tile[data-camera^=cam] canvas")).size() == CAMERAS);
        List<WebElement> tiles = new ArrayList<>(browser.findElements(By.cssSelector("figure.tile")));
        tiles.removeIf(tile -> !tile.getAttribute("data-camera").startsWith("cam")); // the default camera has no frames
        assertThat(tiles).hasSize(CAMERAS);
        return tiles;
    }

    private static Map<String, Integer> framesByCamera(List<WebElement> tiles) {
        Map<String, Integer> frames = new HashMap<>();
        for (WebElement tile : tiles) {
            frames.put(tile.getAttribute("data-camera"), Integer.parseInt(tile.getAttribute("data-frames")));
        }
        return frames;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
