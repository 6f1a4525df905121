package io.maid.goose.app.dashboard;

import io.maid.goose.testkit.FakeMistral;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With mistral.rs configured, "describe your test" fills the form for review and starts nothing. */
@DisabledIfEnvironmentVariable(named = Browser.OPT_OUT, matches = "1", disabledReason = "GOOSE_SKIP_BROWSER_TESTS=1")
class DashboardRecipeBrowserTest {
    @TempDir
    static Path dir;
    static FakeMistral mistral;
    static DashboardService goose;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        mistral = new FakeMistral();
        goose = new DashboardService(dir, mistral.endpoint());
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        try {
            goose.closeWith(browser);
        } finally {
            mistral.close();
        }
    }

    @Test
    void aDescribedTestFillsTheFormForReviewAndStartsNothing() throws Exception {
        browser.open(goose.dashboard());
        browser.signIn(DashboardService.KEY);
        browser.waitFor(".view-new[data-ready='true']");
        browser.waitFor("#recipe-prompt").sendKeys("5 users browsing the home page for 30 seconds");
        browser.find("#recipe-generate").click();
        browser.waitUntil(d -> browser.find("#recipe-notes").getText().contains("Review the form") ? true : null,
                "the generated config");

        assertEquals("5", browser.find("[name='root[users]']").getDomProperty("value"), "users from the recipe");
        assertEquals("30", browser.find("[name='root[duration][seconds]']").getDomProperty("value"));
        WebElement scenario = browser.find("[name='root[scenarios][0][name]']");
        assertEquals("browse", scenario.getDomProperty("value"));
        assertEquals(1, mistral.recipeRequests().size());
        assertTrue(mistral.recipeRequests().get(0).toString().contains("5 users browsing the home page"));
        assertEquals(0, goose.call("GET", "/history", null).get("total").asLong(), "nothing was started");
        assertEquals(false, goose.call("GET", "/status", null).at("/status/active").asBoolean());
        browser.js("window.scrollTo(0, 0);");
        browser.screenshot("11-recipe-in-form");
        assertEquals(java.util.List.of(), browser.violations());
    }
}
