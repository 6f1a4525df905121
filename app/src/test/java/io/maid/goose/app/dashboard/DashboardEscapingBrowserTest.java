package io.maid.goose.app.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose scenario and transaction are named like an injection: every screen that shows the names
 * shows them as text, and no element, handler or dialog comes of them.
 */
@DisabledIfEnvironmentVariable(named = Browser.OPT_OUT, matches = "1", disabledReason = "GOOSE_SKIP_BROWSER_TESTS=1")
class DashboardEscapingBrowserTest {
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    @TempDir
    static Path dir;
    static DashboardService goose;
    static Browser browser;
    static String runId;

    @BeforeAll
    static void start() throws Exception {
        goose = new DashboardService(dir);
        String body = new ObjectMapper().writeValueAsString(Map.of("config", Map.of(
                "target_base_url", goose.target.baseUrl(), "users", 1, "hatch_rate", 10,
                "duration", Map.of("seconds", 1), "think_time_seconds", 0.05,
                "scenarios", List.of(Map.of("name", HOSTILE, "transactions", List.of(
                        Map.of("name", HOSTILE, "request", Map.of("method", "GET", "path", "/"))))))));
        runId = goose.call("POST", "/run", body).get("run_id").asText();
        io.maid.goose.testkit.Await.until(() -> {
            try {
                return goose.call("GET", "/history/" + runId, null).path("report_files").size() > 0;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60), "the hostile run's reports");
        browser = Browser.start();
        browser.open(goose.dashboard());
        browser.signIn(DashboardService.KEY);
        browser.waitFor(".view-new[data-ready='true']");
    }

    @AfterAll
    static void stop() {
        goose.closeWith(browser);
    }

    private static void assertNothingRan() {
        assertEquals(0L, browser.js("return document.querySelectorAll('img').length;"), "no img element was created");
        assertEquals(0L, browser.js("return document.querySelectorAll('[onerror]').length;"), "no handler attribute");
        assertEquals(List.of(), browser.violations(), "no CSP violation and no dialog");
    }

    @Test
    void theRunPageShowsTheNamesAsText() {
        browser.open(goose.dashboard() + "#/runs/" + runId);
        WebElement config = browser.waitFor("#run-detail details");
        config.click();
        assertTrue(browser.find("#run-config").getText().contains(HOSTILE), browser.find("#run-config").getText());
        assertNothingRan();
    }

    @Test
    void theFormShowsTheNamesAsTextWhenTheRunIsRunAgain() throws Exception {
        browser.open(goose.dashboard() + "#/runs/" + runId);
        browser.waitFor("#run-again").click();
        browser.waitFor(".view-new[data-ready='true']");
        WebElement name = browser.find("[name='root[scenarios][0][name]']");
        assertEquals(HOSTILE, name.getDomProperty("value"));
        assertTrue(browser.find("#config-form").getText().contains("scenario 1: " + HOSTILE),
                "the item header names the scenario as typed");
        browser.screenshot("09-escaped-names-in-form");
        assertNothingRan();
    }

    @Test
    void historyAndTheComparisonShowNothingButText() {
        browser.open(goose.dashboard() + "#/history");
        browser.waitFor("#history-rows tr a.report-link");
        assertNothingRan();
        browser.open(goose.dashboard() + "#/compare/" + runId + "/" + runId);
        browser.waitFor("#compare-table");
        assertNothingRan();
    }
}
