package io.maid.goose.adapter.http.helidon;

import io.maid.goose.adapter.http.helidon.dashboard.DashboardAssets;
import io.maid.goose.adapter.http.helidon.dashboard.DashboardFilter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's files: public, with a strict CSP on every answer, the right types, and revalidation. */
class DashboardServingTest extends SharedApiHarness {
    static List<String> assetPaths() {
        return DashboardAssets.load().paths().stream().sorted().toList();
    }

    private static HttpResponse<String> raw(String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        return api.send(b, headers);
    }

    private static void assertDashboardHeaders(HttpResponse<String> res) {
        assertEquals(DashboardFilter.CSP, res.headers().firstValue("Content-Security-Policy").orElse(""),
                () -> "CSP of " + res.request().uri());
        assertEquals("nosniff", res.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", res.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("DENY", res.headers().firstValue("X-Frame-Options").orElse(""));
    }

    @ParameterizedTest
    @CsvSource({"/", "/dashboard/"})
    void theIndexIsServedWithoutACredential(String path) {
        HttpResponse<String> res = raw("GET", path);
        assertEquals(200, res.statusCode());
        assertEquals("text/html; charset=utf-8", res.headers().firstValue("Content-Type").orElse(""));
        assertTrue(res.body().contains("<script type=\"module\" src=\"/dashboard/js/main.js\"></script>"), res.body());
        assertDashboardHeaders(res);
    }

    @Test
    void theCspAllowsNoInlineScriptNoEvalAndNoOtherOrigin() {
        String csp = DashboardFilter.CSP;
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertFalse(csp.contains("unsafe-eval"), csp);
        assertTrue(csp.startsWith("default-src 'none';"), csp);
        assertFalse(csp.contains("http"), "no other origin is named: " + csp);
    }

    @ParameterizedTest
    @MethodSource("assetPaths")
    void everyAssetCarriesTheCspItsTypeAndAValidator(String path) {
        HttpResponse<String> res = raw("GET", path);
        assertEquals(200, res.statusCode(), path);
        assertDashboardHeaders(res);
        String type = res.headers().firstValue("Content-Type").orElse("");
        String expected = path.endsWith(".js") ? "text/javascript; charset=utf-8" : path.endsWith(".css") ? "text/css; charset=utf-8"
                : path.endsWith(".html") ? "text/html; charset=utf-8" : path.endsWith(".svg") ? "image/svg+xml"
                : path.endsWith(".txt") ? "text/plain; charset=utf-8" : "?";
        assertEquals(expected, type, path);
        assertEquals("no-cache", res.headers().firstValue("Cache-Control").orElse(""), path);
        assertTrue(res.headers().firstValue("ETag").orElse("").matches("\"[0-9a-f]{32}\""), path);
    }

    @Test
    void anUnchangedAssetIsA304WithTheSameHeaders() {
        HttpResponse<String> first = raw("GET", "/dashboard/js/main.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = raw("GET", "/dashboard/js/main.js", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElse(""));
        assertDashboardHeaders(again);
    }

    @Test
    void headAnswersTheLengthWithoutABody() {
        HttpResponse<String> get = raw("GET", "/dashboard/css/dashboard.css");
        HttpResponse<String> head = raw("HEAD", "/dashboard/css/dashboard.css");
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length),
                head.headers().firstValue("Content-Length").orElse(""));
        assertEquals("", head.body());
        assertDashboardHeaders(head);
    }

    @Test
    void theBareDashboardPathRedirectsToTheFolder() {
        HttpResponse<String> res = raw("GET", "/dashboard");
        assertEquals(308, res.statusCode());
        assertEquals("/dashboard/", res.headers().firstValue("Location").orElse(""));
        assertDashboardHeaders(res);
    }

    @ParameterizedTest
    @CsvSource({"/dashboard/nope.js", "/dashboard/../api/goose/status", "/dashboard/vendor/uplot/1.6.30/dist/uPlot.esm.js",
            "/META-INF/resources/webjars/uplot/1.6.30/LICENSE", "/dashboard/js/../../etc/passwd"})
    void anythingElseStillNeedsACredential(String path) {
        assertError(raw("GET", path), 401, "invalid_token");
    }

    @Test
    void aPostToTheDashboardIsNotServed() {
        assertError(raw("POST", "/dashboard/"), 401, "invalid_token");
    }

    @Test
    void theIndexLoadsOnlySameOriginFilesAndHasNoInlineScriptOrHandler() {
        String index = raw("GET", "/dashboard/").body();
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(index);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group(1).contains("src=\"/dashboard/"), scripts.group());
            assertEquals("", scripts.group(2).trim(), "no inline script: " + scripts.group());
        }
        assertEquals(2, count, "JSON Editor and the app module");
        assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(index).find(), "no inline handler");
        assertFalse(index.contains("style="), "no inline style");
        assertFalse(index.contains("http://") || index.contains("https://"), "no other origin");
    }

    @ParameterizedTest
    @MethodSource("assetPaths")
    void theDashboardsOwnScriptsNeverUseHtmlSinksEvalOrLocalStorage(String path) {
        if (!path.endsWith(".js") || path.contains("/vendor/")) {
            return;
        }
        String js = raw("GET", path).body();
        for (String banned : List.of(".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "localStorage", "document.cookie")) {
            assertFalse(js.contains(banned), path + " uses " + banned);
        }
    }
}
