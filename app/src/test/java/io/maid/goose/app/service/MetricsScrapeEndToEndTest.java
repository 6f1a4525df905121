package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector.ApiKeyEntry;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsLoader;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.MetricsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole service scraped as Prometheus scrapes it, during and after a real run against a real target: the
 * exposition parses strictly, and its request counter ends at the engine's count, which is the target's.
 */
class MetricsScrapeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "test-key-0123456789";
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.2,*/*;q=0.1";
    private final HttpClient http = HttpClient.newHttpClient();

    private static Settings settings(Path dir, Map<String, String> env) throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"), """
                {"server": {"port": 0},
                 "persistence": {"database_path": "%s", "report_dir": "%s", "data_dir": "%s"},
                 "security": {"allowed_targets": ["127.0.0.1"]}}
                """.formatted(dir.resolve("data/goose.db"), dir.resolve("reports"), dir.resolve("data")));
        return new SettingsLoader().load(List.of(file), env);
    }

    private static ServiceRuntime start(Settings s) {
        return ServiceRuntime.start(s, List.of(new ApiKeyEntry("t", AdminKeyBootstrap.sha256Hex(KEY),
                Set.of("read:loadtests", "write:loadtests"))), new PrintStream(new ByteArrayOutputStream()));
    }

    private static String root(ServiceRuntime service) {
        return "http://127.0.0.1:" + service.port();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private MetricsText scrape(ServiceRuntime service) throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(root(service) + "/metrics"))
                .header("Accept", PROMETHEUS_ACCEPT).header("x-api-key", KEY));
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        return MetricsText.parseOpenMetrics(res.body());
    }

    private JsonNode api(ServiceRuntime service, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).header("x-api-key", KEY);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> res = send(b);
        assertEquals(2, res.statusCode() / 100, res.body());
        return JSON.readTree(res.body());
    }

    private static boolean running(MetricsText m, String runId) {
        boolean ours = m.samples("goose_run_info").stream().anyMatch(s -> runId.equals(s.label("run_id")));
        double moving = m.sum("goose_run_phase", l -> Set.of("increase", "maintain", "decrease").contains(l.get("phase")));
        return ours && moving == 1 && m.sum("goose_active_users", l -> true) > 0;
    }

    @Test
    void aScrapeDuringARunParsesAndTheRequestCounterEndsAtTheEnginesAndTheTargetsCount(@TempDir Path dir)
            throws Exception {
        try (DemoTarget target = new DemoTarget(); ServiceRuntime service = start(settings(dir, Map.of()))) {
            String runId = api(service, "POST", "/run", """
                    {"config": {"target_base_url": "%s", "users": 4, "hatch_rate": 40, "duration": {"seconds": 3},
                     "think_time_seconds": 0.01, "scenarios": [{"name": "shop", "transactions": [
                       {"name": "home", "request": {"method": "GET", "path": "/"}},
                       {"name": "flaky", "request": {"method": "GET", "path": "/flaky"}}]}]}}
                    """.formatted(target.baseUrl())).get("run_id").asText();

            AtomicReference<MetricsText> during = new AtomicReference<>();
            Await.until(() -> {
                try {
                    MetricsText m = scrape(service);
                    during.set(m);
                    return running(m, runId) || !api(service, "GET", "/status", null).at("/status/active").asBoolean();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Duration.ofSeconds(30), "a scrape while the run goes on");
            assertTrue(running(during.get(), runId), "scraped while the run was going on");
            assertEquals(target.baseUrl(), during.get().samples("goose_run_info").getFirst().label("target"));

            Await.until(() -> {
                try {
                    return "completed".equals(api(service, "GET", "/history/" + runId, null).path("status").asText());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Duration.ofSeconds(30), "the run completed");
            JsonNode totals = api(service, "GET", "/history/" + runId, null).path("totals");
            MetricsText after = scrape(service);
            double counted = after.sum("goose_requests_total", l -> runId.equals(l.get("run_id")));
            assertEquals(target.requestsReceived(), totals.path("requests").asLong(), "the engine's count is the target's");
            assertEquals(totals.path("requests").asDouble(), counted, "the counter ends at the engine's count");
            assertEquals(totals.path("failures").asDouble(), after.sum("goose_request_failures_total",
                    l -> runId.equals(l.get("run_id"))), "failures by kind add up to the run's failures");
            assertTrue(after.sum("goose_requests_total", l -> "home".equals(l.get("transaction"))) > 0);
            assertTrue(after.sum("goose_requests_total", l -> "flaky".equals(l.get("transaction"))) > 0);
            assertEquals(1, after.sum("goose_run_phase", l -> "completed".equals(l.get("phase"))));
            assertEquals(0, after.sum("goose_active_users", l -> true));
            assertTrue(after.sampleNames().contains("jvm_memory_used_bytes"), "the service's JVM metrics");
            assertTrue(after.sampleNames().contains("process_cpu_seconds_total"), "the service's process metrics");
        }
    }

    @Test
    void theTextFormatIsServedToAClientThatDoesNotAskForOpenMetrics(@TempDir Path dir) throws Exception {
        try (ServiceRuntime service = start(settings(dir, Map.of()))) {
            HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(root(service) + "/metrics"))
                    .header("x-api-key", KEY));
            assertEquals("text/plain; version=0.0.4; charset=utf-8", res.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(1, MetricsText.parsePrometheusText(res.body()).sum("goose_run_phase", l -> "idle".equals(l.get("phase"))));
        }
    }

    @Test
    void withoutACredentialTheMetricsAreRefusedUnlessTheEnvironmentMakesThemPublic(@TempDir Path dir) throws Exception {
        try (ServiceRuntime service = start(settings(dir, Map.of()))) {
            assertEquals(401, send(HttpRequest.newBuilder(URI.create(root(service) + "/metrics"))).statusCode());
        }
        Settings open = settings(dir, Map.of("MAID__SERVER__METRICS__PUBLIC", "true"));
        try (ServiceRuntime service = start(open)) {
            HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(root(service) + "/metrics")));
            assertEquals(200, res.statusCode(), res.body());
            MetricsText.parsePrometheusText(res.body());
            assertEquals(401, send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/status"))).statusCode());
        }
    }
}
