package org.livecam.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless {@link Chromium} for a test class, closed after it; the class is skipped where
 * Chromium is not installed. Register it on a static field, after the server's extension so
 * the server is up first:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ChromiumExtension browser = new ChromiumExtension();
 * </pre>
 */
public final class ChromiumExtension implements BeforeAllCallback, AfterAllCallback {
    private Chromium chromium;

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeTrue(Chromium.available(), "chromium and chromedriver are not installed (scripts/test installs them)");
        chromium = Chromium.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    /** The browser, from the class's {@code @BeforeAll} methods on. */
    public Chromium get() {
        return chromium;
    }
}
