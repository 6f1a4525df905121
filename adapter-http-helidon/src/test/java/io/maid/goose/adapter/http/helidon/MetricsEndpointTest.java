package io.maid.goose.adapter.http.helidon;

import io.maid.goose.ports.out.MetricsExposition;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiHarness.NOW;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RO_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.WO_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.apiKey;
import static io.maid.goose.adapter.http.helidon.ApiHarness.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics}: relayed from the exposition, behind read:loadtests unless public. */
class MetricsEndpointTest {
    static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /** Answers OpenMetrics when asked for it, the text format otherwise, and keeps the Accept headers it saw. */
    static final class FakeExposition implements MetricsExposition {
        final List<String> accepts = new CopyOnWriteArrayList<>();

        @Override
        public Scrape scrape(String accept) {
            accepts.add(String.valueOf(accept));
            boolean om = accept != null && accept.contains("application/openmetrics-text");
            String body = "# TYPE goose_active_users gauge\ngoose_active_users 3\n" + (om ? "# EOF\n" : "");
            return new Scrape(om ? OPEN_METRICS : "text/plain; version=0.0.4; charset=utf-8",
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static ApiHarness start(boolean metricsPublic, FakeExposition metrics) {
        return ApiHarness.options().metrics(metrics).config(c -> new ApiServerConfig(c.host(), c.port(),
                c.corsAllowedOrigins(), c.requireAuthentication(), c.jwt(), c.allowedTargets(), c.streamQueueCapacity(),
                c.streamStallTimeout(), c.reportLinkSecret(), metricsPublic)).start();
    }

    @Test
    void aReadKeyGetsTheExpositionWithItsContentTypeAtTheServersRoot() {
        FakeExposition metrics = new FakeExposition();
        try (ApiHarness api = start(false, metrics)) {
            HttpResponse<String> res = api.getAtRoot("/metrics", apiKey(RO_KEY));
            assertEquals(200, res.statusCode(), res.body());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", res.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(res.body().contains("goose_active_users 3"), res.body());
            assertEquals("no-store", res.headers().firstValue("Cache-Control").orElseThrow());
        }
    }

    @Test
    void theAcceptHeaderIsPassedOnSoOpenMetricsIsServedWhenAsked() {
        FakeExposition metrics = new FakeExposition();
        try (ApiHarness api = start(false, metrics)) {
            String accept = "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.2";
            HttpResponse<String> res = api.getAtRoot("/metrics", "Accept", accept, "x-api-key", RO_KEY);
            assertEquals(OPEN_METRICS, res.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(res.body().endsWith("# EOF\n"));
            assertEquals(List.of(accept), metrics.accepts);
        }
    }

    @Test
    void aBearerJwtWithTheReadScopeGetsIn() {
        try (ApiHarness api = start(false, new FakeExposition())) {
            String token = Tokens.hs256(Tokens.claims("read:loadtests", NOW));
            assertEquals(200, api.getAtRoot("/metrics", bearer(token)).statusCode());
        }
    }

    @Test
    void withoutACredentialTheAnswerIs401() {
        FakeExposition metrics = new FakeExposition();
        try (ApiHarness api = start(false, metrics)) {
            HttpResponse<String> res = api.getAtRoot("/metrics");
            assertError(res, 401, "invalid_token");
            assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            assertTrue(metrics.accepts.isEmpty(), "nothing was scraped");
        }
    }

    @Test
    void aCredentialWithoutTheReadScopeIs403() {
        FakeExposition metrics = new FakeExposition();
        try (ApiHarness api = start(false, metrics)) {
            assertError(api.getAtRoot("/metrics", apiKey(WO_KEY)), 403, "insufficient_scope");
            assertTrue(metrics.accepts.isEmpty(), "nothing was scraped");
        }
    }

    @Test
    void inPublicModeAScrapeWithoutACredentialGetsIn() {
        try (ApiHarness api = start(true, new FakeExposition())) {
            HttpResponse<String> res = api.getAtRoot("/metrics");
            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.body().contains("goose_active_users 3"));
        }
    }

    @Test
    void inPublicModeAWrongCredentialIsStillRefused() {
        try (ApiHarness api = start(true, new FakeExposition())) {
            assertError(api.getAtRoot("/metrics", apiKey("gk_not_a_key_00000000000000000000000")), 401, "invalid_token");
        }
    }

    @Test
    void publicModeOpensTheMetricsAndNothingElse() {
        try (ApiHarness api = start(true, new FakeExposition())) {
            assertEquals(401, api.get("/status").statusCode());
            assertEquals(401, api.get("/history").statusCode());
            assertEquals(401, api.getAtRoot("/metrics/").statusCode());
            assertEquals(401, api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.rootUrl("/metrics")))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode(), "only GET is public");
        }
    }

    @Test
    void aServiceWithoutMetricsAnswers503() {
        try (ApiHarness api = ApiHarness.start()) {
            assertError(api.getAtRoot("/metrics", apiKey(RO_KEY)), 503, "metrics_unavailable");
        }
    }
}
