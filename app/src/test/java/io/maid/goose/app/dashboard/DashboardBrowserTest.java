package io.maid.goose.app.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser against the real service and an in-process target: sign in, fill the
 * generated form, start a run, watch the live charts fill, stop it, find it in history with its report
 * links, and open the report through its signed link. A screenshot of each screen goes to target/screenshots.
 */
@DisabledIfEnvironmentVariable(named = Browser.OPT_OUT, matches = "1", disabledReason = "GOOSE_SKIP_BROWSER_TESTS=1")
class DashboardBrowserTest {
    @TempDir
    static Path dir;
    static DashboardService goose;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        goose = new DashboardService(dir);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        goose.closeWith(browser);
    }

    @BeforeEach
    void signedOut() {
        browser.open("about:blank");
        browser.open(goose.dashboard());
        browser.js("sessionStorage.clear(); location.hash = '#/signin';");
        browser.driver().navigate().refresh();
        browser.waitFor("#credential");
    }

    private static void signIn(String key) {
        browser.signIn(key);
    }

    private static void type(String name, String value) {
        WebElement input = browser.find("[name='" + name + "']");
        input.clear();
        input.sendKeys(value, Keys.TAB);
    }

    @Test
    void anOperatorRunsALoadTestFromTheBrowserAndOpensItsReport() throws Exception {
        browser.screenshot("01-sign-in");
        signIn(DashboardService.KEY);
        browser.waitFor(".view-new[data-ready='true']");
        type("root[target_base_url]", goose.target.baseUrl());
        type("root[users]", "4");
        type("root[hatch_rate]", "4");
        type("root[duration][seconds]", "120");
        browser.js("window.scrollTo(0, 0);");
        browser.screenshot("02-new-run");
        browser.find("#start-run").click();

        browser.waitFor(".view-live");
        browser.waitUntil(d -> Integer.parseInt(browser.find("#live-charts").getDomAttribute("data-points")) >= 3 ? true : null,
                "the live charts to receive 3 points");
        assertTrue(browser.find("#live-requests").getText().matches("[0-9,]+"), browser.find("#live-requests").getText());
        assertEquals("connected", browser.find("#stream-state").getDomAttribute("data-state"));
        browser.screenshot("03-live-run");
        browser.find("#stop-run").click();
        browser.waitUntil(d -> browser.find("#live-notice").getText().contains("has ended") ? true : null, "the run to end");

        browser.find("a[data-nav='history']").click();
        WebElement link = browser.waitFor("#history-rows tr a.report-link");
        WebElement row = browser.find("#history-rows tr");
        assertTrue(row.getText().contains("cancelled"), row.getText());
        assertTrue(row.getText().contains(goose.target.baseUrl()), row.getText());
        assertTrue(link.getDomAttribute("href").contains("signature="), link.getDomAttribute("href"));
        browser.screenshot("04-history");

        row.findElement(org.openqa.selenium.By.cssSelector("td:nth-child(2) a")).click();
        WebElement frame = browser.waitFor("#report-frame[src]");
        browser.waitFor("#report-links a.report-link");
        browser.js("arguments[0].scrollIntoView({block: 'start'});", browser.find("#run-figures"));
        browser.screenshot("05-run-detail");
        browser.js("arguments[0].scrollIntoView({block: 'start'});", frame);
        browser.driver().switchTo().frame(frame);
        browser.waitUntil(d -> d.getPageSource().contains(goose.runIdOfLatest()) ? true : null, "the embedded report");
        browser.driver().switchTo().defaultContent();
        browser.screenshot("06-run-detail-report");

        assertEquals(List.of(), browser.violations(), "no CSP violation and no dialog in the dashboard");
        assertEquals(0L, browser.js("return localStorage.length;"), "nothing in localStorage");
        assertEquals(DashboardService.KEY, browser.js("return sessionStorage.getItem('goose.credential');"));

        String href = browser.find("#report-links a.report-link[href*='report.html']").getDomAttribute("href");
        assertFalse(href.contains(DashboardService.KEY), href);
        browser.open(goose.dashboard().replace("/dashboard/", "") + href);
        assertTrue(browser.driver().getPageSource().contains("LOAD TEST REPORT")
                || browser.driver().getPageSource().toLowerCase().contains("load test report"), "the HTML report opened");
        browser.screenshot("07-report");
    }

    @Test
    void aFieldTheSchemaRefusesIsShownOnItAndNothingIsSent() throws Exception {
        long before = goose.call("GET", "/history", null).get("total").asLong();
        signIn(DashboardService.KEY);
        browser.waitFor(".view-new[data-ready='true']");
        type("root[users]", "0");
        browser.find("#start-run").click();
        WebElement violations = browser.waitFor("#violations");
        assertTrue(violations.getText().contains("/users"), violations.getText());
        assertFalse(browser.find("[data-schemapath='root.users'] .errmsg").getText().isBlank(), "the error is on the field");
        assertEquals(before, goose.call("GET", "/history", null).get("total").asLong(), "no run was started");
    }

    @Test
    void theServicesViolationsAppearOnTheFieldsTheyName() throws Exception {
        signIn(DashboardService.KEY);
        browser.waitFor(".view-new[data-ready='true']");
        String first = browser.find("[name='root[scenarios][0][name]']").getDomProperty("value");
        type("root[scenarios][1][name]", first);
        browser.find("#start-run").click();
        WebElement violations = browser.waitFor("#violations");
        assertTrue(violations.getText().contains("The service refused this config"), violations.getText());
        assertTrue(violations.getText().contains("/scenarios/1/name"), violations.getText());
        WebElement onField = browser.waitFor("[data-schemapath='root.scenarios.1.name'] .errmsg");
        assertFalse(onField.getText().isBlank(), "the service's message is on the field it names");
        browser.js("arguments[0].scrollIntoView({block: 'center'});", onField);
        browser.screenshot("10-server-violation-on-field");
    }

    @Test
    void theLiveViewReconnectsAfterItsWebSocketDrops() {
        signIn(DashboardService.KEY);
        browser.waitFor(".view-new");
        browser.find("a[data-nav='live']").click();
        browser.waitUntil(d -> "1".equals(browser.find("#stream-state").getDomAttribute("data-connects")) ? true : null,
                "the first connection");
        browser.js("window.__sockets.filter(s => s.readyState === 1).forEach(s => s.close());");
        browser.waitUntil(d -> "2".equals(browser.find("#stream-state").getDomAttribute("data-connects")) ? true : null,
                "a second connection after the drop");
        assertEquals("connected", browser.find("#stream-state").getDomAttribute("data-state"));
        String url = (String) browser.js("return window.__sockets[window.__sockets.length - 1].url;");
        assertTrue(url.contains("/api/goose/stream?access_token="), "the stream is the one URL that carries the credential: " + url);
    }

    @Test
    void aRejectedCredentialStaysOnSignInAndSaysWhy() {
        signIn("not-a-real-key");
        WebElement message = browser.waitFor("#signin-message");
        assertTrue(message.getText().contains("rejected"), message.getText());
        assertEquals(null, browser.js("return sessionStorage.getItem('goose.credential');"), "a rejected key is not kept");
    }

    @Test
    void any401ReturnsToSignInWithAClearMessage() {
        signIn(DashboardService.KEY);
        browser.waitFor(".view-new");
        browser.js("sessionStorage.setItem('goose.credential', 'revoked-in-the-meantime');");
        browser.find("a[data-nav='history']").click();
        WebElement message = browser.waitFor("#signin-message");
        assertTrue(message.getText().contains("401"), message.getText());
        assertTrue(message.getText().contains("Sign in again"), message.getText());
    }

    @Test
    void signingOutForgetsTheCredential() {
        signIn(DashboardService.KEY);
        browser.waitFor(".view-new");
        browser.find("#sign-out").click();
        browser.waitFor("#credential");
        assertEquals(null, browser.js("return sessionStorage.getItem('goose.credential');"));
        assertTrue(browser.find("#signin-message").getText().contains("Signed out"));
    }

    @Test
    void withoutWriteScopeStartAndStopAreDisabledAndSayWhy() throws Exception {
        signIn(DashboardService.READ_ONLY_KEY);
        browser.waitFor(".view-new[data-ready='true']");
        assertFalse(browser.find("#start-run").isEnabled());
        assertTrue(browser.find("#start-why").getText().contains("write:loadtests"), browser.find("#start-why").getText());
        browser.find("a[data-nav='live']").click();
        browser.waitFor(".view-live");
        assertFalse(browser.find("#stop-run").isEnabled());
        assertTrue(browser.find("#stop-why").getText().contains("needs the write:loadtests scope"), browser.find("#stop-why").getText());
        browser.screenshot("08-read-only-live");
    }
}
