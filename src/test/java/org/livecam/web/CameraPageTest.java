package org.livecam.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.web.LivePages.frames;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The camera page in real headless Chromium: one camera large, its figures, and coming back after a restart. */
class CameraPageTest {
    @RegisterExtension
    static final LivePages pages = new LivePages();

    @Test
    void cameraPageShowsOneCameraLargeWithItsFigures() {
        pages.open("/cameras/cam3");
        WebDriverWait wait = new WebDriverWait(pages.browser(), LivePages.PATIENCE);
        wait.until(b -> !b.findElements(By.cssSelector("#view canvas")).isEmpty());
        wait.until(b -> {
            String fps = pages.stat("fps here");
            return fps != null && !fps.equals("–") && Double.parseDouble(fps) > 0;
        });
        assertThat(pages.stat("resolution")).isEqualTo("160×90");
        assertThat(pages.stat("state")).startsWith("live");
        assertThat(pages.stat("transport")).isEqualTo("ws");
        assertThat(pages.stat("latency")).endsWith("ms");
        assertThat(pages.resourcePaths()).as("the page asks for its one camera, never for the whole list")
                .contains("/api/cameras/cam3").doesNotContain("/api/cameras");
    }

    @Test
    void cameraPageOfAnUnknownCameraSaysSoWithA404() {
        var missing = pages.server().get("/cameras/nobody");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body())).as("the same page").contains("/static/camera.js");
        assertThat(pages.server().get("/cameras/cam3").statusCode()).isEqualTo(200);
        pages.open("/cameras/nobody");
        new WebDriverWait(pages.browser(), Duration.ofSeconds(20))
                .until(b -> b.findElement(By.id("view")).getText().contains("no camera named nobody"));
    }

    @Test
    void pictureCaptionAndFiguresAllFitA1400By900Window() {
        pages.viewport(1400, 900);
        pages.open("/cameras/cam3");
        WebDriverWait wait = new WebDriverWait(pages.browser(), LivePages.PATIENCE);
        wait.until(b -> frames(b.findElement(By.id("view"))) >= 1 && "160×90".equals(pages.stat("resolution")));
        List<Double> view = pages.box("#view");
        List<Double> figures = pages.box("#stats");
        assertThat(view.get(3)).as("the picture's bottom").isLessThanOrEqualTo(900);
        assertThat(figures.get(3)).as("the figures' bottom").isLessThanOrEqualTo(900);
        assertThat(figures.get(2)).as("the figures' right edge").isLessThanOrEqualTo(1400);
        assertThat(view.get(2)).as("the picture's right edge").isLessThanOrEqualTo(1400);
    }

    @Test
    void theCaptionSitsBelowThePictureNotOverIt() {
        pages.open("/cameras/cam3");
        new WebDriverWait(pages.browser(), LivePages.PATIENCE).until(b -> frames(b.findElement(By.id("view"))) >= 1);
        // A camera's own clock or frame counter is at the bottom of its picture, as the demo's is.
        assertThat(pages.box("#view figcaption").get(1)).isGreaterThanOrEqualTo(pages.box("#view canvas").get(3));
    }

    @Test
    void playerReconnectsByItselfWhenTheServerComesBack() throws Exception {
        pages.open("/cameras/cam3");
        WebDriverWait wait = new WebDriverWait(pages.browser(), LivePages.PATIENCE);
        wait.until(b -> frames(b.findElement(By.id("view"))) >= 3);
        pages.restartServerOnTheSamePort();
        int before = frames(pages.browser().findElement(By.id("view")));
        pages.startPublisher("cam3", 3);
        wait.until(b -> frames(b.findElement(By.id("view"))) >= before + 3);
        assertThat(pages.browser().findElement(By.id("view")).getAttribute("data-transport")).isEqualTo("ws");
    }
}
