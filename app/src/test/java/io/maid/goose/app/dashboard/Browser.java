package io.maid.goose.app.dashboard;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's headless chromium driven through chromedriver, with a fresh profile. Every document gets, before
 * its own scripts run, hooks that record Content-Security-Policy violations and any call of {@code alert},
 * {@code confirm} or {@code prompt}, so a test can prove that nothing was blocked and nothing injected ran;
 * and they keep the page's WebSockets in {@code window.__sockets}, so a test can drop one.
 *
 * <p>A missing browser fails the test with the install command: a browser test never passes silently.
 * Set {@value #OPT_OUT}=1 to skip these tests on a machine that cannot install chromium (they are then
 * reported as skipped, not passed).
 */
final class Browser implements AutoCloseable {
    static final String OPT_OUT = "GOOSE_SKIP_BROWSER_TESTS";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String HOOKS = """
            window.__csp = [];
            window.__dialogs = [];
            document.addEventListener('securitypolicyviolation',
                e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
            for (const name of ['alert', 'confirm', 'prompt']) {
                window[name] = (m) => { window.__dialogs.push(name + ':' + m); };
            }
            // every WebSocket the page opens, so that a test can drop one under it
            window.__sockets = [];
            const NativeWebSocket = window.WebSocket;
            window.WebSocket = class extends NativeWebSocket {
                constructor(...args) { super(...args); window.__sockets.push(this); }
            };
            """;

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        if ("1".equals(System.getenv(OPT_OUT))) {
            Assumptions.abort(OPT_OUT + "=1: the dashboard's browser tests are skipped on this machine");
        }
        File chromium = executable("GOOSE_CHROMIUM", "/usr/bin/chromium");
        File chromedriver = executable("GOOSE_CHROMEDRIVER", "/usr/bin/chromedriver");
        Path profile = Files.createTempDirectory("goose-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,800", "--disable-dev-shm-usage");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", HOOKS));
        // the viewport itself is 1280 x 800, whatever the headless window's decorations take
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        Files.createDirectories(SCREENSHOTS);
        return new Browser(service, driver, profile);
    }

    private static File executable(String env, String fallback) {
        String path = System.getenv().getOrDefault(env, fallback);
        File f = new File(path);
        if (!f.canExecute()) {
            throw new AssertionError("the dashboard's browser test needs " + path + " (set " + env + " to use another). "
                    + "Install Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver "
                    + "(./goose test does this when run as root), or set " + OPT_OUT + "=1 to skip the browser tests.");
        }
        return f;
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement waitFor(String css) {
        return waitUntil(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "visible " + css);
    }

    /** Signs in on the sign-in screen, once it is shown. */
    void signIn(String key) {
        waitFor("#credential").sendKeys(key);
        find("#sign-in").click();
    }

    <T> T waitUntil(ExpectedCondition<T> condition, String what) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage("waited 30 s for " + what).until(condition);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** What the hooks recorded in the current document: CSP violations and dialogs. */
    @SuppressWarnings("unchecked")
    List<String> violations() {
        return (List<String>) js("return (window.__csp || []).concat(window.__dialogs || []);");
    }

    /** A PNG of the viewport in target/screenshots. */
    Path screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
