package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector.ApiKeyEntry;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsLoader;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.FakeMistral;

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
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the plugin integration tests share: the whole service (real engine, transport, SQLite, reports and Helidon)
 * started from settings a test writes, and an HTTP client that calls it with the admin key or another credential.
 * mistral.rs and maid-apikeys are replaced by local fakes that speak their wire contracts.
 */
abstract class PluginServiceFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "plugin-test-key-0123456789";
    static final String READ = "read:loadtests";
    static final String WRITE = "write:loadtests";
    static final Duration RUN_DEADLINE = Duration.ofSeconds(20);
    final HttpClient http = HttpClient.newHttpClient();

    static String mistral(FakeMistral model) {
        return "\"mistral_endpoint\": \"" + model.endpoint() + "\"";
    }

    /**
     * @param pluginBus members of {@code plugin_bus}, without braces
     * @param security  extra members of {@code security}, each with a leading comma
     */
    static Settings settings(Path dir, String pluginBus, String security) throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"), """
                {"server": {"port": 0},
                 "persistence": {"database_path": "%s", "report_dir": "%s", "data_dir": "%s", "max_history": 20},
                 "security": {"allowed_targets": ["127.0.0.1"]%s},
                 "plugin_bus": {%s}}
                """.formatted(dir.resolve("data/goose.db"), dir.resolve("reports"), dir.resolve("data"), security, pluginBus));
        return new SettingsLoader().load(List.of(file), Map.of());
    }

    static ServiceRuntime start(Settings s) {
        return ServiceRuntime.start(s, List.of(new ApiKeyEntry("t", AdminKeyBootstrap.sha256Hex(KEY), Set.of(READ, WRITE))), quiet());
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    static String runConfig(DemoTarget target) {
        return """
                {"config": {"target_base_url": "%s", "users": 2, "hatch_rate": 20, "duration": {"seconds": 1},
                 "think_time_seconds": 0.01, "scenarios": [{"name": "s", "transactions": [
                   {"name": "home", "request": {"method": "GET", "path": "/"}}]}]}}
                """.formatted(target.baseUrl());
    }

    String startRun(ServiceRuntime service, DemoTarget target) throws Exception {
        HttpResponse<String> started = call("POST", service.baseUrl() + "/run", runConfig(target));
        assertEquals(200, started.statusCode(), started.body());
        return JSON.readTree(started.body()).get("run_id").asText();
    }

    JsonNode record(ServiceRuntime service, String runId) throws Exception {
        HttpResponse<String> res = call("GET", service.baseUrl() + "/history/" + runId, null);
        assertEquals(200, res.statusCode(), res.body());
        return JSON.readTree(res.body());
    }

    /** Polls the run's history record (at most every 20 ms) until {@code done} holds; returns that record. */
    JsonNode awaitRecord(ServiceRuntime service, String runId, Predicate<JsonNode> done, String what) {
        JsonNode[] last = new JsonNode[1];
        try {
            Await.until(throttled(() -> {
                try {
                    last[0] = record(service, runId);
                    return done.test(last[0]);
                } catch (Exception e) {
                    throw new AssertionError("reading run " + runId + " failed", e);
                }
            }), RUN_DEADLINE, what);
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; last record: " + last[0], timedOut);
        }
        return last[0];
    }

    /** Await.until polls every 0.1 ms; an HTTP round trip per poll would crowd out the run under test. */
    static BooleanSupplier throttled(BooleanSupplier condition) {
        long[] next = {0};
        return () -> {
            long now = System.nanoTime();
            if (now - next[0] < 0) {
                return false;
            }
            next[0] = now + Duration.ofMillis(20).toNanos();
            return condition.getAsBoolean();
        };
    }

    static List<String> names(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String[] apiKey(String key) {
        return new String[] {"x-api-key", key};
    }

    HttpResponse<String> call(String method, String url, String body) throws Exception {
        return callAs(apiKey(KEY), method, url, body);
    }

    HttpResponse<String> callAs(String[] credential, String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header(credential[0], credential[1]);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

}
