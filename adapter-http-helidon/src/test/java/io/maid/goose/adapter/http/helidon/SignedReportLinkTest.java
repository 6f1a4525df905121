package io.maid.goose.adapter.http.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.json;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RO_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RW_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.apiKey;
import static io.maid.goose.adapter.http.helidon.ReportServingTest.REPORTS;
import static io.maid.goose.adapter.http.helidon.ReportServingTest.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Report links a browser can open: minted with a credential, they carry only an expiry and an HMAC, open
 * one run's files without a header, and nothing else; report files also answer HEAD.
 */
class SignedReportLinkTest {
    static final String RUN = ReportServingTest.RUN;
    static final String OTHER = "9e8d7c6b-5a49-4838-a726-15f4e3d2c1b0";
    static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        for (String run : new String[] {RUN, OTHER}) {
            for (String f : REPORTS) {
                api.artifacts.put(run, f, content(f).getBytes(StandardCharsets.UTF_8));
            }
            api.history.insert(ReportServingTest.record(run, REPORTS));
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode mint(String runId, String query) {
        HttpResponse<String> res = api.post("/history/" + runId + "/report-links" + query, null, "", apiKey(RO_KEY));
        assertEquals(200, res.statusCode(), res.body());
        return json(res.body());
    }

    private static String link(String runId, String file) {
        for (JsonNode l : mint(runId, "").get("links")) {
            if (l.get("file").asText().equals(file)) {
                return l.get("url").asText();
            }
        }
        throw new AssertionError("no link to " + file);
    }

    private static HttpResponse<String> open(String method, String pathAndQuery, String... headers) {
        return api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()), headers);
    }

    @Test
    void aMintedLinkOpensTheFileWithoutACredential() {
        HttpResponse<String> res = open("GET", link(RUN, "report.json"));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(content("report.json"), res.body());
    }

    @Test
    void linksCoverEveryListedFileCarryNoCredentialAndExpireWithinTenMinutes() {
        JsonNode body = mint(RUN, "");
        assertEquals(REPORTS.size(), body.get("links").size());
        Instant expires = Instant.parse(body.get("expires_at").asText());
        assertEquals(ApiHarness.NOW.plusSeconds(300), expires, "five minutes by default");
        for (JsonNode l : body.get("links")) {
            String url = l.get("url").asText();
            assertTrue(url.startsWith("/api/goose/reports/" + RUN + "/" + l.get("file").asText() + "?expires="), url);
            assertTrue(url.matches(".*&signature=[A-Za-z0-9_-]{43}$"), url);
            assertFalse(url.contains(RO_KEY) || url.contains("api-key") || url.contains("access_token"), url);
        }
    }

    @Test
    void theLifeCanBeShortenedButNotBeyondTenMinutes() {
        assertEquals(ApiHarness.NOW.plusSeconds(60), Instant.parse(mint(RUN, "?ttl_seconds=60").get("expires_at").asText()));
        assertError(api.post("/history/" + RUN + "/report-links?ttl_seconds=601", null, "", apiKey(RO_KEY)), 400,
                "invalid_parameter");
    }

    @Test
    void mintingNeedsACredentialAndAKnownRun() {
        assertError(api.post("/history/" + RUN + "/report-links", null, ""), 401, "invalid_token");
        assertError(api.post("/history/4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2/report-links", null, "", apiKey(RW_KEY)),
                404, "run_not_found");
    }

    @Test
    void aSignedHtmlReportMayBeFramedOnlyByThisOrigin() {
        HttpResponse<String> res = open("GET", link(RUN, "report.html"));
        String csp = res.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'self'"), csp);
        assertTrue(csp.startsWith("default-src 'none';"), csp);
    }

    @Test
    void aLinkToOneRunDoesNotOpenAnother() {
        String url = link(RUN, "report.json").replace(RUN, OTHER);
        assertError(open("GET", url), 403, "invalid_link");
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String url = link(RUN, "report.json");
        char last = url.charAt(url.length() - 1);
        assertError(open("GET", url.substring(0, url.length() - 1) + (last == 'A' ? 'B' : 'A')), 403, "invalid_link");
    }

    @Test
    void aSignatureIsNoCredentialAnywhereElse() {
        String query = link(RUN, "report.json").replaceAll("^[^?]*", "");
        assertError(open("GET", "/api/goose/status" + query), 401, "invalid_token");
        assertError(open("GET", "/api/goose/history/" + RUN + query), 401, "invalid_token");
    }

    @Test
    void aLinkTogetherWithACredentialIsAmbiguous() {
        assertError(open("GET", link(RUN, "report.json"), apiKey(RW_KEY)), 400, "invalid_request");
    }

    @Test
    void headOnAReportAnswersItsLengthAndNoBody() {
        HttpResponse<String> head = open("HEAD", "/api/goose/reports/" + RUN + "/report.csv", apiKey(RO_KEY));
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(content("report.csv").length()), head.headers().firstValue("Content-Length").orElse(""));
        assertEquals("", head.body());
        assertTrue(head.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    }

    @Test
    void headWorksThroughASignedLinkToo() {
        HttpResponse<String> head = open("HEAD", link(RUN, "report.html"));
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(content("report.html").length()), head.headers().firstValue("Content-Length").orElse(""));
    }
}
