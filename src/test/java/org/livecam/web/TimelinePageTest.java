package org.livecam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.record.RecordConfig;
import org.livecam.record.RecordPolicy;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The camera page's timeline in real headless Chromium: shown for a recorded camera, and dragging shows a recorded frame. */
class TimelinePageTest {
    @RegisterExtension
    static final LivePages pages = new LivePages(c -> c.withRecord(
            new RecordConfig(Set.of("cam2"), new RecordPolicy(Duration.ZERO, Duration.ofDays(1), 0), Map.of(), 0)));

    @Test
    void aRecordedCameraGetsATimelineAndDraggingShowsARecordedFrame() {
        WebDriverWait wait = new WebDriverWait(pages.browser(), LivePages.PATIENCE);
        wait.until(b -> new io.vertx.core.json.JsonObject(new String(pages.server().get("/cameras/cam2/archive").body())).getLong("frames") >= 10);
        pages.open("/cameras/cam2");
        wait.until(b -> b.findElement(By.id("timeline")).isDisplayed());
        WebElement scrubber = pages.browser().findElement(By.id("timeline-scrubber"));
        String before = pages.browser().findElement(By.id("timeline-frame")).getAttribute("src");

        new Actions(pages.browser()).clickAndHold(scrubber).moveByOffset(-scrubber.getSize().getWidth() / 4, 0).release().perform();

        wait.until(b -> {
            WebElement frame = b.findElement(By.id("timeline-frame"));
            return !frame.getAttribute("src").equals(before) && Boolean.TRUE.equals(pages.browser().executeScript(
                    "const i = document.getElementById('timeline-frame'); return i.complete && i.naturalWidth === 160;"));
        });
        String src = pages.browser().findElement(By.id("timeline-frame")).getAttribute("src");
        assertThat(src).contains("/cameras/cam2/archive/frame.jpg?t=");
        String path = src.substring(src.indexOf("/cameras/"));
        assertThat(pages.server().get(path).statusCode()).as("a recorded frame at the dragged-to time").isEqualTo(200);
        assertThat(pages.browser().findElement(By.id("timeline-timelapse")).getAttribute("href")).contains("/archive/timelapse.mp4?");
    }

    @Test
    void aCameraWithoutRecordingsHasNoTimeline() {
        pages.open("/cameras/cam3");
        WebDriverWait wait = new WebDriverWait(pages.browser(), LivePages.PATIENCE);
        wait.until(b -> LivePages.frames(b.findElement(By.id("view"))) >= 1);
        assertThat(pages.browser().findElement(By.id("timeline")).isDisplayed()).isFalse();
    }
}
