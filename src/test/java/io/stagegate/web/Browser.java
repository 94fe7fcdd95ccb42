package io.stagegate.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian ({@code chromium}, {@code chromium-driver}: {@code .ci/run} installs them), driven by
 * Selenium through that chromedriver; nothing is downloaded (both paths are given, so Selenium Manager never runs).
 * Without them the browser tests are skipped with a message saying what to install, except on CI ({@code CI=true}),
 * where a missing browser fails them.
 */
final class Browser {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("STAGEGATE_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("STAGEGATE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    /** A fresh headless browser (its own profile: no cookies carried between journeys). */
    static ChromeDriver start() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = CHROMIUM + " and " + CHROMEDRIVER + " are needed (Debian: apt-get install -y chromium chromium-driver)";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI runs the browser tests: " + missing);
        }
        if (!present) {
            System.err.println("Browser tests skipped: " + missing);
        }
        assumeTrue(present, "browser tests skipped: " + missing);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1366,900",
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /** Saves what the browser shows as target/screenshots/{name}.png, for a person to look at after the build. */
    static void screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
