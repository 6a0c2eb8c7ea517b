package org.livecam.testing;

import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium driven through Debian's chromedriver, with the flags NOTES.md found
 * necessary here and a fresh profile that is deleted on {@link #close}. One test thread uses it.
 */
public final class Chromium implements AutoCloseable {
    private static final String DRIVER = "/usr/bin/chromedriver";
    private static final String BROWSER = "/usr/bin/chromium";

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** True when the browser and its driver are installed (scripts/test installs them). */
    public static boolean available() {
        return new File(DRIVER).canExecute() && new File(BROWSER).canExecute();
    }

    public static Chromium start() {
        return start(new String[0]);
    }

    /** With more command-line flags, e.g. {@code --ignore-certificate-errors} for a test CA. */
    public static Chromium start(String... moreArguments) {
        Path profile;
        try {
            profile = Files.createTempDirectory("livecam-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1024,768", "--user-data-dir=" + profile);
        options.addArguments(moreArguments);
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new Chromium(service, driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /**
     * The colour at the centre of the first image matching {@code selector} as Chromium draws it
     * now (drawImage of the element onto a canvas, so an MJPEG image gives its current part), or
     * null when there is no such image or it has no picture yet. The image must be same-origin.
     */
    /**
     * Script prelude: {@code img} is the element, {@code w} and {@code h} its drawn size, 0 while
     * nothing is drawn. Works for an {@code <img>} and for the page player's canvas, which
     * counts as drawn once its tile has shown a frame.
     */
    private static final String PICTURE_SIZE = "const img = document.querySelector(arguments[0]);"
            + "let w = 0, h = 0;"
            + "if (img && img.tagName === 'CANVAS') {"
            + "  const tile = img.closest('[data-frames]');"
            + "  if (tile && Number(tile.dataset.frames) > 0) { w = img.width; h = img.height; }"
            + "} else if (img && img.naturalWidth) { w = img.naturalWidth; h = img.naturalHeight; }";

    public Color centreOf(String selector) {
        Object result = script(
                PICTURE_SIZE
                        + "if (!w) return null;"
                        + "const c = document.createElement('canvas');"
                        + "c.width = w; c.height = h;"
                        + "const g = c.getContext('2d');"
                        + "g.drawImage(img, 0, 0);"
                        + "const p = g.getImageData(c.width >> 1, c.height >> 1, 1, 1).data;"
                        + "return [p[0], p[1], p[2]];", selector);
        if (result == null) {
            return null;
        }
        List<?> rgb = (List<?>) result;
        return new Color(((Number) rgb.get(0)).intValue(), ((Number) rgb.get(1)).intValue(), ((Number) rgb.get(2)).intValue());
    }

    /** A small hash of the whole image as drawn now (a downscaled canvas), or null without a picture. */
    public String fingerprintOf(String selector) {
        return (String) script(
                PICTURE_SIZE
                        + "if (!w) return null;"
                        + "const c = document.createElement('canvas'); c.width = 64; c.height = 36;"
                        + "const g = c.getContext('2d'); g.drawImage(img, 0, 0, 64, 36);"
                        + "const d = g.getImageData(0, 0, 64, 36).data; let hash = 0;"
                        + "for (let i = 0; i < d.length; i++) { hash = (hash * 31 + d[i]) | 0; }"
                        + "return String(hash);", selector);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
