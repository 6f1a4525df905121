package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector.ApiKeyEntry;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.testkit.FakeMistral;
import io.maid.goose.app.settings.SettingsLoader;
import io.maid.goose.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin bus through the whole service: real engine, transport, SQLite, reports and Helidon, with
 * mistral.rs and maid-apikeys replaced by local fakes that speak their wire contracts.
 */
class PluginIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "plugin-test-key-0123456789";
    private static final String READ = "read:loadtests";
    private static final String WRITE = "write:loadtests";
    private static final String JWT_SECRET = "an-hs256-shared-secret-of-at-least-32-chars";
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newHttpClient();

    // ---------------------------------------------------------------- mistral.rs: analysis

    @Test
    void aFinishedRunIsAnalysedAndTheAnalysisIsStoredWrittenAndServed(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            String runId = startRun(service, target);

            JsonNode record = awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "analysis done");
            assertEquals("completed", record.get("status").asText());
            assertEquals(FakeMistral.ANALYSIS_SUMMARY, record.at("/analysis/result/summary").asText());
            assertEquals("low", record.at("/analysis/result/bottlenecks/0/severity").asText());
            assertEquals("Add users to find the knee", record.at("/analysis/result/recommendations/0").asText());
            assertTrue(names(record.get("report_files")).contains("analysis.json"), record.toString());

            Path folder = dir.resolve("reports").resolve(runId);
            JsonNode onDisk = JSON.readTree(Files.readString(folder.resolve("analysis.json")));
            assertEquals(FakeMistral.ANALYSIS_SUMMARY, onDisk.at("/analysis/summary").asText());
            assertTrue(Files.readString(folder.resolve("report.html")).contains(FakeMistral.ANALYSIS_SUMMARY),
                    "the HTML report was re-rendered with the analysis");

            HttpResponse<String> served = call("GET", service.baseUrl() + "/reports/" + runId + "/analysis.json", null);
            assertEquals(200, served.statusCode(), served.body());
            assertEquals(FakeMistral.ANALYSIS_SUMMARY, JSON.readTree(served.body()).at("/analysis/summary").asText());
            assertEquals(1, model.analysisRequests().size());
        }
    }

    @Test
    void aSlowModelNeverDelaysTheRunOrItsReports(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            model.analysisMode(FakeMistral.AnalysisMode.SLOW);
            String runId = startRun(service, target);

            Await.until(() -> model.analysisRequests().size() == 1, RUN_DEADLINE, "the analysis request reaches the model");
            JsonNode blocked = awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("pending"),
                    "analysis pending while the model is blocked");
            assertEquals("completed", blocked.get("status").asText());
            assertEquals(List.of("report.json", "report.csv", "timeline.csv", "report.html"), names(blocked.get("report_files")));
            assertEquals(200, call("GET", service.baseUrl() + "/reports/" + runId + "/report.html", null).statusCode());
            assertFalse(JSON.readTree(call("GET", service.baseUrl() + "/status", null).body()).at("/status/active").asBoolean());

            model.release();
            JsonNode done = awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "analysis done after release");
            assertEquals(FakeMistral.ANALYSIS_SUMMARY, done.at("/analysis/result/summary").asText());
        }
    }

    @Test
    void aServiceStoppedDuringAnAnalysisRecordsItAsFailedRatherThanPendingForever(@TempDir Path dir) throws Exception {
        Settings s;
        String runId;
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget()) {
            s = settings(dir, mistral(model), "");
            try (ServiceRuntime service = start(s)) {
                model.analysisMode(FakeMistral.AnalysisMode.SLOW);
                runId = startRun(service, target);
                Await.until(() -> model.analysisRequests().size() == 1, RUN_DEADLINE, "the analysis request reaches the model");
                awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("pending"), "analysis pending");
            }
        }
        try (ServiceRuntime again = start(s)) {
            JsonNode record = record(again, runId);
            assertEquals("completed", record.get("status").asText());
            assertEquals("failed", record.at("/analysis/state").asText(), record.toString());
            assertFalse(record.at("/analysis/error").asText().isBlank(), record.toString());
        }
    }

    @Test
    void aModelErrorFailsTheAnalysisWithTheUpstreamMessageButNotTheRun(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            model.analysisMode(FakeMistral.AnalysisMode.FAIL);
            String runId = startRun(service, target);

            JsonNode record = awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("failed"), "analysis failed");
            assertEquals("completed", record.get("status").asText());
            String why = record.at("/analysis/error").asText();
            assertTrue(why.contains("model exploded") && why.contains("500"), why);
            assertTrue(record.at("/analysis/result").isNull(), record.toString());
            assertEquals(4, record.get("report_files").size(), "the run's own reports are unaffected");
            assertTrue(record.at("/error").isNull(), "the run itself carries no error: " + record);
        }
    }

    @Test
    void anAnalysisCanBeRequestedAgainForAFinishedRun(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            String runId = startRun(service, target);
            awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "first analysis done");

            HttpResponse<String> again = call("POST", service.baseUrl() + "/history/" + runId + "/analysis", null);
            assertEquals(202, again.statusCode(), again.body());
            JsonNode body = JSON.readTree(again.body());
            assertEquals(runId, body.get("run_id").asText());
            assertEquals("pending", body.at("/analysis/state").asText());
            Await.until(() -> model.analysisRequests().size() == 2, RUN_DEADLINE, "a second analysis request reaches the model");
            assertEquals(model.analysisRequests().get(0).at("/messages/1/content"),
                    model.analysisRequests().get(1).at("/messages/1/content"), "the same run digest is sent again");
            awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "second analysis done");
        }
    }

    @Test
    void aRunCanBeAnalysedAgainAfterTheServiceRestartedFromItsStoredReportJson(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget()) {
            Settings s = settings(dir, mistral(model), "");
            String runId;
            try (ServiceRuntime service = start(s)) {
                runId = startRun(service, target);
                awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "first analysis done");
            }
            try (ServiceRuntime again = start(s)) {
                HttpResponse<String> requested = call("POST", again.baseUrl() + "/history/" + runId + "/analysis", null);
                assertEquals(202, requested.statusCode(), requested.body());
                Await.until(() -> model.analysisRequests().size() == 2, RUN_DEADLINE, "the analysis after the restart");
                assertEquals(model.analysisRequests().get(0).at("/messages/1/content"),
                        model.analysisRequests().get(1).at("/messages/1/content"),
                        "the run digest read back from report.json is the one sent before the restart");
                JsonNode done = awaitRecord(again, runId, r -> r.at("/analysis/state").asText().equals("done")
                        && r.get("reports_state").asText().equals("written"), "analysis done, reports re-written");
                assertTrue(names(done.get("report_files")).contains("analysis.json"), done.toString());
            }
        }
    }

    @Test
    void aRunWithoutReportJsonCannotBeAnalysedAgainAndSaysWhy(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            String body = runConfig(target).replace("\"scenarios\"", "\"reports\": {\"formats\": [\"html\"]}, \"scenarios\"");
            HttpResponse<String> started = call("POST", service.baseUrl() + "/run", body);
            assertEquals(200, started.statusCode(), started.body());
            String runId = JSON.readTree(started.body()).get("run_id").asText();
            awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "first analysis done");

            HttpResponse<String> again = call("POST", service.baseUrl() + "/history/" + runId + "/analysis", null);

            assertEquals(409, again.statusCode(), again.body());
            assertEquals("analysis_unavailable", JSON.readTree(again.body()).get("error").asText());
            assertTrue(again.body().contains("has no report.json"), again.body());
        }
    }

    // ---------------------------------------------------------------- mistral.rs: recipes and health

    @Test
    void aRecipeIsGeneratedWithTheConfiguredModelAndSchemaAndNeverStarted(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral();
             ServiceRuntime service = start(settings(dir, mistral(model) + ", \"model\": \"goose-test-model\"", ""))) {
            HttpResponse<String> res = call("POST", service.baseUrl() + "/recipes", """
                    {"prompt": "5 users browsing the home page for 30 seconds", "target_base_url": "http://127.0.0.1:9999"}""");
            assertEquals(200, res.statusCode(), res.body());
            JsonNode body = JSON.readTree(res.body());
            assertEquals(1, body.get("attempts").asInt());
            assertTrue(body.get("notes").isTextual() && !body.get("notes").asText().isBlank(), res.body());
            assertEquals("http://127.0.0.1:9999", body.at("/config/target_base_url").asText());
            assertEquals(5, body.at("/config/users").asInt());
            assertEquals("browse", body.at("/config/scenarios/0/name").asText());

            assertEquals(1, model.recipeRequests().size());
            JsonNode sent = model.recipeRequests().get(0);
            assertEquals("goose-test-model", sent.get("model").asText());
            assertEquals(0.0, sent.get("temperature").asDouble());
            assertTrue(sent.get("temperature").isNumber());
            assertEquals("json_schema", sent.at("/response_format/type").asText());
            assertEquals(FakeMistral.RECIPE_SCHEMA, sent.at("/response_format/json_schema/name").asText());
            JsonNode schema = JSON.readTree(call("GET", service.baseUrl() + "/schema", null).body());
            assertEquals(schema, sent.at("/response_format/json_schema/schema"), "the API's own run-config schema constrains decoding");
            assertFalse(sent.has("grammar"), "grammar and response_format are mutually exclusive");

            JsonNode status = JSON.readTree(call("GET", service.baseUrl() + "/status", null).body());
            assertFalse(status.at("/status/active").asBoolean());
            assertEquals("idle", status.at("/status/phase").asText());
            assertEquals(0, JSON.readTree(call("GET", service.baseUrl() + "/history", null).body()).get("total").asLong());
        }
    }

    @Test
    void thePluginListShowsMistralHealthyWithItsModels(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            HttpResponse<String> res = call("GET", service.baseUrl() + "/plugins", null);
            assertEquals(200, res.statusCode(), res.body());
            JsonNode plugins = JSON.readTree(res.body()).get("plugins");
            assertEquals(2, plugins.size(), res.body());
            JsonNode m = plugins.get(0);
            assertEquals("mistral.rs", m.get("name").asText());
            assertEquals("healthy", m.get("state").asText());
            assertEquals(model.endpoint(), m.get("endpoint").asText().replaceAll("/$", ""));
            assertEquals(List.of("default"), names(m.get("models")));
            assertTrue(m.get("last_error").isNull(), res.body());
            JsonNode keys = plugins.get(1);
            assertEquals("maid-apikeys", keys.get("name").asText());
            assertEquals("not_configured", keys.get("state").asText());
            assertTrue(keys.get("endpoint").isNull(), res.body());
        }
    }

    @Test
    void withNoPluginEndpointsBothPluginsAreListedAsNotConfigured(@TempDir Path dir) throws Exception {
        try (ServiceRuntime service = start(settings(dir, "", ""))) {
            HttpResponse<String> res = call("GET", service.baseUrl() + "/plugins", null);
            assertEquals(200, res.statusCode(), res.body());
            JsonNode plugins = JSON.readTree(res.body()).get("plugins");
            assertEquals(2, plugins.size(), res.body());
            assertEquals("mistral.rs", plugins.get(0).get("name").asText());
            assertEquals("maid-apikeys", plugins.get(1).get("name").asText());
            for (JsonNode p : plugins) {
                List<String> fields = new java.util.ArrayList<>();
                p.fieldNames().forEachRemaining(fields::add);
                assertEquals(List.of("name", "endpoint", "state", "last_error", "models"), fields, res.body());
                assertEquals("not_configured", p.get("state").asText(), res.body());
                assertTrue(p.get("endpoint").isNull(), res.body());
                assertEquals(0, p.get("models").size(), res.body());
            }
        }
    }

    // ---------------------------------------------------------------- without mistral.rs

    @Test
    void withoutMistralRecipesAreUnavailable(@TempDir Path dir) throws Exception {
        try (ServiceRuntime service = start(settings(dir, "", ""))) {
            HttpResponse<String> res = call("POST", service.baseUrl() + "/recipes", """
                    {"prompt": "5 users browsing", "target_base_url": "http://127.0.0.1:9999"}""");
            assertEquals(503, res.statusCode(), res.body());
            JsonNode body = JSON.readTree(res.body());
            assertEquals("plugin_unavailable", body.get("error").asText());
            assertEquals("mistral.rs", body.get("plugin").asText());
        }
    }

    @Test
    void withoutMistralRunsCompleteWithoutAnalysisAndAnalysisRequestsAreUnavailable(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget(); ServiceRuntime service = start(settings(dir, "", ""))) {
            String runId = startRun(service, target);
            JsonNode record = awaitRecord(service, runId, r -> r.get("report_files").size() == 4, "reports written");
            assertEquals("completed", record.get("status").asText());
            assertEquals("none", record.at("/analysis/state").asText());

            HttpResponse<String> res = call("POST", service.baseUrl() + "/history/" + runId + "/analysis", null);
            assertEquals(503, res.statusCode(), res.body());
            assertEquals("plugin_unavailable", JSON.readTree(res.body()).get("error").asText());
            JsonNode after = record(service, runId);
            assertEquals("none", after.at("/analysis/state").asText(), "a refused request leaves the record alone");
        }
    }

    // ---------------------------------------------------------------- maid-apikeys: API keys

    @Test
    void aRemoteApiKeyReportedActiveWithBothScopesCanStartARun(@TempDir Path dir) throws Exception {
        try (FakeMaidApiKeys keys = new FakeMaidApiKeys(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(keys.endpoint()), ""))) {
            String remote = "remote-key-with-both-scopes";
            keys.grant(remote, "ci-bot", READ, WRITE);
            HttpResponse<String> res = callAs(apiKey(remote), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(200, res.statusCode(), res.body());
            String runId = JSON.readTree(res.body()).get("run_id").asText();
            assertEquals(200, call("GET", service.baseUrl() + "/history/" + runId, null).statusCode(), "the run was recorded");
            assertEquals(1, keys.callsFor(remote), keys.calls().toString());
            assertEquals("api_key", keys.calls().get(0).get("kind").asText());
        }
    }

    @Test
    void aRemoteApiKeyReportedInactiveIsRefusedWith401(@TempDir Path dir) throws Exception {
        try (FakeMaidApiKeys keys = new FakeMaidApiKeys(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(keys.endpoint()), ""))) {
            String revoked = "remote-key-revoked";
            HttpResponse<String> res = callAs(apiKey(revoked), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(401, res.statusCode(), res.body());
            assertEquals("invalid_token", JSON.readTree(res.body()).get("error").asText());
            assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
            assertFalse(res.body().contains(revoked), "the credential is never echoed");
            assertEquals(1, keys.callsFor(revoked));
            assertNothingRan(service);
        }
    }

    @Test
    void aRemoteApiKeyWithOnlyReadScopeCanReadButNotStartARun(@TempDir Path dir) throws Exception {
        try (FakeMaidApiKeys keys = new FakeMaidApiKeys(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(keys.endpoint()), ""))) {
            String reader = "remote-key-read-only";
            keys.grant(reader, "dashboard", READ);
            HttpResponse<String> run = callAs(apiKey(reader), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(403, run.statusCode(), run.body());
            assertEquals("insufficient_scope", JSON.readTree(run.body()).get("error").asText());
            assertTrue(run.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""));

            HttpResponse<String> status = callAs(apiKey(reader), "GET", service.baseUrl() + "/status", null);
            assertEquals(200, status.statusCode(), status.body());
            assertNothingRan(service);
        }
    }

    @Test
    void withMaidApiKeysDownAnUnknownApiKeyGets503AndNothingRuns(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(deadEndpoint()), ""))) {
            HttpResponse<String> res = callAs(apiKey("unknown-key-while-down"), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(503, res.statusCode(), res.body());
            assertEquals("auth_upstream_unavailable", JSON.readTree(res.body()).get("error").asText());
            assertEquals(0, target.requestsReceived());
            assertNothingRan(service);
        }
    }

    @Test
    void withMaidApiKeysDownAStaticKeyFromTheSettingsStillWorks(@TempDir Path dir) throws Exception {
        String staticKey = "static-settings-key-0123456789";
        String security = """
                , "api_keys": [{"subject": "ops", "sha256": "%s", "scopes": ["%s", "%s"]}]"""
                .formatted(AdminKeyBootstrap.sha256Hex(staticKey), READ, WRITE);
        try (DemoTarget target = new DemoTarget();
             ServiceRuntime service = ServiceRuntime.start(settings(dir, apiKeys(deadEndpoint()), security), List.of(), quiet())) {
            HttpResponse<String> status = callAs(apiKey(staticKey), "GET", service.baseUrl() + "/status", null);
            assertEquals(200, status.statusCode(), status.body());
            HttpResponse<String> run = callAs(apiKey(staticKey), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(200, run.statusCode(), run.body());
        }
    }

    // ---------------------------------------------------------------- maid-apikeys: JWTs on privileged operations

    @Test
    void aJwtTheAuthorityReportsActiveCanStartARun(@TempDir Path dir) throws Exception {
        try (FakeMaidApiKeys keys = new FakeMaidApiKeys(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(keys.endpoint()), jwtSecurity()))) {
            String token = jwt("alice");
            keys.grant(token, "alice", READ, WRITE);
            HttpResponse<String> res = callAs(bearer(token), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(200, res.statusCode(), res.body());
            assertEquals(1, keys.callsFor(token));
            assertEquals("bearer", keys.calls().get(0).get("kind").asText());
        }
    }

    @Test
    void aJwtTheAuthorityReportsInactiveCannotStartARunButCanStillRead(@TempDir Path dir) throws Exception {
        try (FakeMaidApiKeys keys = new FakeMaidApiKeys(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(keys.endpoint()), jwtSecurity()))) {
            String revoked = jwt("mallory");
            HttpResponse<String> run = callAs(bearer(revoked), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(401, run.statusCode(), run.body());
            assertEquals("invalid_token", JSON.readTree(run.body()).get("error").asText());
            assertEquals(1, keys.callsFor(revoked), "the locally valid token was introspected");

            HttpResponse<String> status = callAs(bearer(revoked), "GET", service.baseUrl() + "/status", null);
            assertEquals(200, status.statusCode(), status.body());
            assertEquals(1, keys.callsFor(revoked), "reads need no introspection");
            assertNothingRan(service);
        }
    }

    @Test
    void withMaidApiKeysDownAJwtCannotStartARunButCanStillRead(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(deadEndpoint()), jwtSecurity()))) {
            String token = jwt("alice");
            HttpResponse<String> run = callAs(bearer(token), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(503, run.statusCode(), run.body());
            assertEquals("auth_upstream_unavailable", JSON.readTree(run.body()).get("error").asText());

            HttpResponse<String> status = callAs(bearer(token), "GET", service.baseUrl() + "/status", null);
            assertEquals(200, status.statusCode(), status.body());
            assertEquals(0, target.requestsReceived());
            assertNothingRan(service);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String mistral(FakeMistral model) {
        return "\"mistral_endpoint\": \"" + model.endpoint() + "\"";
    }

    private static String apiKeys(String endpoint) {
        return "\"api_keys_endpoint\": \"" + endpoint + "\", \"connect_timeout_seconds\": 2";
    }

    private static String jwtSecurity() {
        return """
                , "jwt": {"issuer": "maid.apikeys", "audience": "maid.clients", "hs256_secret": "%s"}""".formatted(JWT_SECRET);
    }

    /** A loopback port nothing listens on: bound, then closed. */
    private static String deadEndpoint() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return "http://127.0.0.1:" + port;
    }

    /**
     * @param pluginBus members of {@code plugin_bus}, without braces
     * @param security  extra members of {@code security}, each with a leading comma
     */
    private static Settings settings(Path dir, String pluginBus, String security) throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"), """
                {"server": {"port": 0},
                 "persistence": {"database_path": "%s", "report_dir": "%s", "data_dir": "%s", "max_history": 20},
                 "security": {"allowed_targets": ["127.0.0.1"]%s},
                 "plugin_bus": {%s}}
                """.formatted(dir.resolve("data/goose.db"), dir.resolve("reports"), dir.resolve("data"), security, pluginBus));
        return new SettingsLoader().load(List.of(file), Map.of());
    }

    private static ServiceRuntime start(Settings s) {
        return ServiceRuntime.start(s, List.of(new ApiKeyEntry("t", AdminKeyBootstrap.sha256Hex(KEY), Set.of(READ, WRITE))), quiet());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    private static String runConfig(DemoTarget target) {
        return """
                {"config": {"target_base_url": "%s", "users": 2, "hatch_rate": 20, "duration": {"seconds": 1},
                 "think_time_seconds": 0.01, "scenarios": [{"name": "s", "transactions": [
                   {"name": "home", "request": {"method": "GET", "path": "/"}}]}]}}
                """.formatted(target.baseUrl());
    }

    private String startRun(ServiceRuntime service, DemoTarget target) throws Exception {
        HttpResponse<String> started = call("POST", service.baseUrl() + "/run", runConfig(target));
        assertEquals(200, started.statusCode(), started.body());
        return JSON.readTree(started.body()).get("run_id").asText();
    }

    private void assertNothingRan(ServiceRuntime service) throws Exception {
        HttpResponse<String> status = call("GET", service.baseUrl() + "/status", null);
        assertEquals(200, status.statusCode(), status.body());
        assertFalse(JSON.readTree(status.body()).at("/status/active").asBoolean(), status.body());
        HttpResponse<String> history = call("GET", service.baseUrl() + "/history", null);
        assertEquals(200, history.statusCode(), history.body());
        assertEquals(0, JSON.readTree(history.body()).get("total").asLong(), history.body());
    }

    private JsonNode record(ServiceRuntime service, String runId) throws Exception {
        HttpResponse<String> res = call("GET", service.baseUrl() + "/history/" + runId, null);
        assertEquals(200, res.statusCode(), res.body());
        return JSON.readTree(res.body());
    }

    /** Polls the run's history record (at most every 20 ms) until {@code done} holds; returns that record. */
    private JsonNode awaitRecord(ServiceRuntime service, String runId, Predicate<JsonNode> done, String what) {
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
    private static BooleanSupplier throttled(BooleanSupplier condition) {
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

    private static List<String> names(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String[] apiKey(String key) {
        return new String[] {"x-api-key", key};
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private HttpResponse<String> call(String method, String url, String body) throws Exception {
        return callAs(apiKey(KEY), method, url, body);
    }

    private HttpResponse<String> callAs(String[] credential, String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header(credential[0], credential[1]);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An HS256 JWT as maid-apikeys issues them: no kid, iss/aud fixed, a space-separated scope. */
    private static String jwt(String subject) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(JSON.createObjectNode()
                .put("sub", subject).put("iss", "maid.apikeys").put("aud", "maid.clients")
                .put("iat", now).put("exp", now + 600).put("scope", READ + " " + WRITE)
                .put("jti", subject + "-" + System.nanoTime())
                .toString().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = b64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
        return header + "." + claims + "." + signature;
    }
}
