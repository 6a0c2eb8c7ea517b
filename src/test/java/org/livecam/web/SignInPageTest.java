package org.livecam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.AccessRule;
import org.livecam.testing.Htpasswd;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** With {@code --access private}, Chromium is sent to the sign-in form, signs in, and then watches the grid live. */
class SignInPageTest {
    static final String PASSWORD = "grid watcher's password";

    @TempDir
    static Path users;

    @RegisterExtension
    static final LivePages pages = new LivePages(c -> c.withAccess(a -> a.withUsersFile(usersFile()).withDefaultRule(AccessRule.PRIVATE)));

    private static Path usersFile() {
        Path file = users.resolve("users.htpasswd");
        try {
            return Files.exists(file) ? file : Htpasswd.add(file, "alice", PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signingInThroughTheFormShowsTheGridWithLiveFrames() {
        pages.browser().manage().deleteAllCookies();
        pages.open("/");
        new WebDriverWait(pages.browser(), LivePages.PATIENCE).until(b -> b.getCurrentUrl().contains("/login"));
        submit("alice", "not the password");
        new WebDriverWait(pages.browser(), LivePages.PATIENCE).until(b -> b.getCurrentUrl().contains("failed=1"));
        assertThat(pages.browser().findElement(By.id("problem")).getText()).contains("Wrong user name or password");

        submit("alice", PASSWORD);

        List<WebElement> tiles = pages.waitForTiles();
        pages.waitUntilEveryTileDraws(tiles, 3);
        assertThat(pages.browser().getCurrentUrl()).isEqualTo(pages.server().uri("/").toString());
        Cookie session = pages.browser().manage().getCookieNamed("livecam_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(pages.browser().executeScript("return document.cookie")).as("no script can read it").isEqualTo("");
    }

    @Test
    void aCameraPageAsksToSignInAndComesBackToThatCamera() {
        pages.browser().manage().deleteAllCookies();
        pages.open("/cameras/cam3");
        new WebDriverWait(pages.browser(), LivePages.PATIENCE).until(b -> b.getCurrentUrl().contains("/login"));
        submit("alice", PASSWORD);
        new WebDriverWait(pages.browser(), LivePages.PATIENCE).until(b -> b.getCurrentUrl().endsWith("/cameras/cam3"));
    }

    @Test
    void aShareLinkOpensItsCameraPageLiveWithoutSigningIn() {
        var made = pages.server().send(java.net.http.HttpRequest.newBuilder(pages.server().uri("/api/cameras/cam5/share?for=1h"))
                .header("Authorization", Htpasswd.basic("alice", PASSWORD))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(made.statusCode()).isEqualTo(201);
        String url = new io.vertx.core.json.JsonObject(made.body()).getString("url");
        pages.browser().manage().deleteAllCookies();

        pages.browser().get(url);

        new WebDriverWait(pages.browser(), LivePages.PATIENCE).until(b -> LivePages.frames(b.findElement(By.id("view"))) >= 3);
        assertThat(pages.browser().getCurrentUrl()).doesNotContain("/login");
        pages.open("/cameras/cam6");
        new WebDriverWait(pages.browser(), LivePages.PATIENCE).until(b -> b.getCurrentUrl().contains("/login"));
    }

    /** Fills in the sign-in form as a person would and sends it. */
    private static void submit(String user, String password) {
        WebElement form = pages.browser().findElement(By.id("login"));
        form.findElement(By.name("username")).sendKeys(user);
        form.findElement(By.name("password")).sendKeys(password);
        form.submit();
    }
}
