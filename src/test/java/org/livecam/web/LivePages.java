package org.livecam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.livecam.ServerConfig;
import org.livecam.testing.ChromiumExtension;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The viewer pages under test: one headless Chromium per test class, and for each test a real
 * server fed by eight cameras that publish small frames from eight threads, plus the page
 * readers the page tests share. Browser changes a test makes (injected scripts, blocked URLs)
 * are undone after it. Skips the class when Chromium is not installed. Used from the test
 * thread only, apart from the publisher threads it owns.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final LivePages pages = new LivePages();
 * </pre>
 */
final class LivePages implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    static final int CAMERAS = 8;
    static final Duration PATIENCE = Duration.ofSeconds(45);

    private final ChromiumExtension chromium = new ChromiumExtension();
    private final UnaryOperator<ServerConfig> adjust;
    private ChromeDriver browser;
    private Path data;
    private TestServer server;
    private final AtomicBoolean publishing = new AtomicBoolean();
    private final List<Thread> publishers = new ArrayList<>();
    private final List<String> injectedScripts = new ArrayList<>();
    private boolean blockedUrls;
    private boolean resized;

    LivePages() {
        this(c -> c);
    }

    /** With the test server's defaults changed by {@code adjust}, e.g. a shorter stale-after. */
    LivePages(UnaryOperator<ServerConfig> adjust) {
        this.adjust = adjust;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        chromium.beforeAll(context);
        browser = chromium.get().driver();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("livecam-pages");
        server = TestServer.start(data, adjust);
        publishing.set(true);
        for (int i = 0; i < CAMERAS; i++) {
            startPublisher("cam" + i, i);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
        injectedScripts.forEach(id -> browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id)));
        injectedScripts.clear();
        if (blockedUrls) {
            browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            blockedUrls = false;
        }
        if (resized) {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            resized = false;
        }
        stopCameras();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        chromium.afterAll(context);
    }

    ChromeDriver browser() {
        return browser;
    }

    TestServer server() {
        return server;
    }

    /** Loads a page of the server, {@code pathAndQuery} such as {@code "/?transport=poll"}. */
    void open(String pathAndQuery) {
        browser.get(server.uri(pathAndQuery).toString());
    }

    /** Publishes small frames five times a second from its own thread until the test ends. */
    void startPublisher(String camera, int hue) {
        byte[][] frames = new byte[4][];
        for (int f = 0; f < frames.length; f++) {
            frames[f] = TestJpegs.solid(160, 90, Color.getHSBColor((hue * 4 + f) / 32f, 0.8f, 0.9f));
        }
        TestServer target = server;
        target.publish(camera, frames[0]);
        Thread publisher = new Thread(() -> {
            for (int n = 1; publishing.get(); n++) {
                target.publish(camera, frames[n % frames.length]);
                pace(200);
            }
        }, "publisher-" + camera);
        publisher.start();
        publishers.add(publisher);
    }

    /** Stops every camera and the server, then starts a server with no cameras on the same port. */
    void restartServerOnTheSamePort() throws InterruptedException {
        int port = server.port();
        stopCameras();
        publishing.set(true);
        server = TestServer.start(data, c -> adjust.apply(c).withHttp(h -> h.withPort(port)));
    }

    /** Stops every camera and the server, which stays down until the test ends. */
    void stopServer() throws InterruptedException {
        stopCameras();
    }

    /** Gives pages a viewport of this many CSS pixels (device scale 1) until the test ends. */
    void viewport(int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        resized = true;
    }

    /** The bounding box of the first element matching {@code selector}: left, top, right, bottom, in CSS pixels. */
    @SuppressWarnings("unchecked")
    List<Double> box(String selector) {
        List<Number> box = (List<Number>) browser.executeScript("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return [r.left, r.top, r.right, r.bottom];", selector);
        return box.stream().map(Number::doubleValue).toList();
    }

    /** From the next page load on, window.openedWebSockets lists the URL of every WebSocket the page opens. */
    void recordWebSocketsOfTheNextPage() {
        injectBeforeTheNextPage("(() => { const Native = window.WebSocket; window.openedWebSockets = [];"
                + "window.WebSocket = class extends Native {"
                + "  constructor(...args) { super(...args); window.openedWebSockets.push(String(args[0])); } }; })();");
    }

    /** Runs this script in every page loaded from now on until the test ends, before the page's own scripts. */
    void injectBeforeTheNextPage(String script) {
        Map<String, Object> added = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
        injectedScripts.add((String) added.get("identifier"));
    }

    /** Fails every request whose URL matches {@code pattern} until the test ends. */
    void blockUrls(String pattern) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(pattern)));
        blockedUrls = true;
    }

    /** One figure of the camera page, read in one script: the page rebuilds the list every second. */
    String stat(String name) {
        return (String) browser.executeScript("const d = document.querySelector('dd[data-stat=\"' + arguments[0] + '\"]');"
                + "return d ? d.textContent : null;", name);
    }

    @SuppressWarnings("unchecked")
    List<String> resourcePaths() {
        return (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)");
    }

    /** Frames the page has drawn in this element (a tile, or the camera page's view). */
    static int frames(WebElement tile) {
        String frames = tile.getAttribute("data-frames");
        return frames == null ? 0 : Integer.parseInt(frames);
    }

    /** The grid's tiles of the eight publishing cameras, once each has its canvas. */
    List<WebElement> waitForTiles() {
        new WebDriverWait(browser, PATIENCE)
                .until(b -> b.findElements(By.cssSelector("figure.tile[data-camera^=cam] canvas")).size() == CAMERAS);
        List<WebElement> tiles = new ArrayList<>(browser.findElements(By.cssSelector("figure.tile")));
        tiles.removeIf(tile -> !tile.getAttribute("data-camera").startsWith("cam")); // the default camera has no frames
        assertThat(tiles).hasSize(CAMERAS);
        return tiles;
    }

    /** Waits until every tile has drawn at least {@code count} more frames: all cameras update at once. */
    void waitUntilEveryTileDraws(List<WebElement> tiles, int count) {
        Map<String, Integer> before = framesByCamera(tiles);
        new WebDriverWait(browser, PATIENCE).until(b -> {
            Map<String, Integer> now = framesByCamera(tiles);
            return before.keySet().stream().allMatch(id -> now.get(id) >= before.get(id) + count);
        });
    }

    private static Map<String, Integer> framesByCamera(List<WebElement> tiles) {
        Map<String, Integer> frames = new HashMap<>();
        for (WebElement tile : tiles) {
            frames.put(tile.getAttribute("data-camera"), Integer.parseInt(tile.getAttribute("data-frames")));
        }
        return frames;
    }

    private void stopCameras() throws InterruptedException {
        publishing.set(false);
        for (Thread publisher : publishers) {
            publisher.join(TimeUnit.SECONDS.toMillis(10));
        }
        publishers.clear();
        server.close();
    }

    private static void pace(long millis) {
        try {
            Thread.sleep(millis); // a live camera's pace, which the pages show: real time is the subject
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
