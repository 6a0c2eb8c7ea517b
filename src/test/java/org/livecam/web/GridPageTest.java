package org.livecam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.File;
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
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The viewer pages in real headless Chromium, fed by eight cameras that publish small frames
 * from eight threads: every tile must keep updating at once over the page's one WebSocket.
 */
class GridPageTest {
    private static final int CAMERAS = 8;
    private static Path profile;
    private static ChromeDriverService service;
    private static ChromeDriver browser;

    @TempDir
    Path data;
    private TestServer server;
    private final AtomicBoolean publishing = new AtomicBoolean(true);
    private final List<Thread> publishers = new ArrayList<>();

    @BeforeAll
    static void startBrowser() throws Exception {
        profile = Files.createTempDirectory("livecam-chromium");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
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
    void stopCameras() throws InterruptedException {
        publishing.set(false);
        for (Thread publisher : publishers) {
            publisher.join(TimeUnit.SECONDS.toMillis(10));
        }
        server.close();
    }

    @Test
    void gridShowsAllEightCamerasUpdatingAtOnceOverOneWebSocket() {
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
            String fps = b.findElement(By.cssSelector("[data-stat='fps here']")).getText();
            return !fps.equals("–") && Double.parseDouble(fps) > 0;
        });
        assertThat(browser.findElement(By.cssSelector("[data-stat='resolution']")).getText()).isEqualTo("160×90");
        assertThat(browser.findElement(By.cssSelector("[data-stat='state']")).getText()).startsWith("live");
        assertThat(browser.findElement(By.cssSelector("[data-stat='transport']")).getText()).isEqualTo("ws");
        assertThat(browser.findElement(By.cssSelector("[data-stat='latency']")).getText()).endsWith("ms");
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
