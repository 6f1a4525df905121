package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector.ApiKeyEntry;
import io.maid.goose.adapter.persistence.SqliteRunHistory;
import io.maid.goose.app.Composition;
import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunTotals;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsLoader;
import io.maid.goose.testkit.Await;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole service wired by hand: real engine, transport, SQLite, reports and Helidon, against a real target. */
class ServiceRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "test-key-0123456789";
    private static final String RUNNING = "7d1f3a52-0000-4000-8000-000000000001";
    private static final String ANALYSING = "7d1f3a52-0000-4000-8000-000000000002";
    private final HttpClient http = HttpClient.newHttpClient();

    private Settings settings(Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"), """
                {"server": {"port": 0},
                 "persistence": {"database_path": "%s", "report_dir": "%s", "data_dir": "%s", "max_history": 5},
                 "security": {"allowed_targets": ["127.0.0.1"]}}
                """.formatted(dir.resolve("data/goose.db"), dir.resolve("reports"), dir.resolve("data")));
        return new SettingsLoader().load(List.of(file), Map.of());
    }

    private ServiceRuntime start(Settings s) {
        return ServiceRuntime.start(s, List.of(new ApiKeyEntry("t", AdminKeyBootstrap.sha256Hex(KEY),
                Set.of("read:loadtests", "write:loadtests"))), new PrintStream(new ByteArrayOutputStream()));
    }

    private HttpResponse<String> call(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("x-api-key", KEY);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRunThroughTheApiStreamsRealMetricsWritesReportsAndSurvivesARestart(@TempDir Path dir) throws Exception {
        Settings s = settings(dir);
        String runId;
        try (DemoTarget target = new DemoTarget(); ServiceRuntime service = start(s)) {
            StreamRecorder stream = StreamRecorder.connect(http, service.baseUrl(), KEY);
            List<JsonNode> envelopes = stream.envelopes;
            Await.until(() -> !envelopes.isEmpty(), Duration.ofSeconds(5), "the Status on connect");

            runId = startRun(service, target, 4, 20, 2, 0.01);

            Await.until(() -> reportFiles(service.baseUrl(), runId) == 4, Duration.ofSeconds(30), "reports written");
            JsonNode record = JSON.readTree(call("GET", service.baseUrl() + "/history/" + runId, null).body());
            assertEquals("completed", record.get("status").asText());
            assertEquals(target.requestsReceived(), record.at("/totals/requests").asLong(), "history totals are the target's own count");

            long metrics = envelopes.stream().filter(e -> e.has("Metrics")).count();
            assertTrue(metrics >= 2, "per-second Metrics envelopes: " + envelopes);
            long streamed = envelopes.stream().filter(e -> e.has("Metrics")).mapToLong(e -> e.at("/Metrics/requests").asLong()).sum();
            assertEquals(target.requestsReceived(), streamed, "the streamed intervals add up to the target's count");
            assertTrue(envelopes.get(0).has("Status"), "the current Status arrives first on connect");

            HttpResponse<String> html = call("GET", service.baseUrl() + "/reports/" + runId + "/report.html", null);
            assertEquals(200, html.statusCode());
            assertTrue(html.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
            assertTrue(html.body().contains("<svg"));
            stream.close();
        }
        try (ServiceRuntime again = start(s)) {
            JsonNode history = JSON.readTree(call("GET", again.baseUrl() + "/history", null).body());
            assertEquals(1, history.get("total").asLong());
            assertEquals(runId, history.at("/runs/0/run_id").asText());
            assertEquals("completed", history.at("/runs/0/status").asText());
        }
    }

    @Test
    void theStreamOfARealRunSendsEachLogLineOnceInTimeOrder(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget(); ServiceRuntime service = start(settings(dir))) {
            StreamRecorder stream = StreamRecorder.connect(http, service.baseUrl(), KEY);
            // the Status on connect says the server has registered the client, so it misses no event of the run
            Await.until(() -> !stream.envelopes.isEmpty(), Duration.ofSeconds(5), "the Status on connect");
            String runId = startRun(service, target, 3, 30, 1, 0.01);
            Await.until(() -> stream.ended(runId), Duration.ofSeconds(30), () -> "the final Status: " + stream.envelopes);

            List<JsonNode> logs = stream.all("Log");
            List<String> messages = logs.stream().map(l -> l.get("message").asText()).toList();
            assertEquals(messages.size(), Set.copyOf(messages).size(), "every Log line arrives once: " + messages);
            assertEquals(1, messages.stream().filter(m -> m.contains("completed")).count(),
                    "one completion line: " + messages);
            for (String phase : List.of("increase", "maintain", "decrease", "shutdown", "completed")) {
                assertEquals(1, messages.stream().filter(m -> m.startsWith("phase " + phase + ":")).count(),
                        "one line for the move to " + phase + ": " + messages);
            }
            for (int i = 1; i < logs.size(); i++) {
                Instant before = Instant.parse(logs.get(i - 1).get("timestamp").asText());
                Instant after = Instant.parse(logs.get(i).get("timestamp").asText());
                assertTrue(!after.isBefore(before), "Log timestamps never go backwards: " + logs);
            }
            stream.close();
        }
    }

    @Test
    void closingTheServiceClosesStreamClientsWithGoingAway(@TempDir Path dir) throws Exception {
        StreamRecorder stream;
        try (ServiceRuntime service = start(settings(dir))) {
            stream = StreamRecorder.connect(http, service.baseUrl(), KEY);
            Await.until(() -> !stream.envelopes.isEmpty(), Duration.ofSeconds(5), "the Status on connect");
        }
        Await.until(() -> stream.closeCode != -1, Duration.ofSeconds(5), "the close frame");
        assertEquals(1001, stream.closeCode);
    }

    @Test
    void theShutdownNoticeSaysNoRunIsActiveWhenIdle(@TempDir Path dir) throws Exception {
        try (ServiceRuntime service = start(settings(dir))) {
            assertEquals("no run is active; shutting down", service.shutdownNotice());
        }
    }

    @Test
    void theShutdownNoticeNamesTheActiveRun(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget(); ServiceRuntime service = start(settings(dir))) {
            String runId = startRun(service, target, 1, 10, 60, 0.05);
            assertEquals("stopping run " + runId + " gracefully (its history record and reports are written), then shutting down",
                    service.shutdownNotice());
        }
    }

    @Test
    void atStartUpRunsAndAnalysesLeftUnfinishedByAKilledServiceAreMarkedFailed(@TempDir Path dir) throws Exception {
        Settings s = settings(dir);
        Files.createDirectories(dir.resolve("data"));
        RunConfig config = RunConfig.builder("http://127.0.0.1:9").get("root", "/").build();
        Instant t0 = Instant.parse("2026-11-29T08:00:00Z");
        RunRecord analysing = new RunRecord(ANALYSING, RunState.COMPLETED, RunPhase.COMPLETED, t0, t0.plusSeconds(30),
                config, new RunTotals(10, 0, 1.0, 2.0), List.of(), null, AnalysisState.PENDING, null, null);
        // What a killed service leaves behind: written, never closed.
        SqliteRunHistory killed = new SqliteRunHistory(Path.of(s.persistence().databasePath()), Composition.codec());
        killed.insert(RunRecord.started(RUNNING, t0.plusSeconds(60), config));
        killed.insert(analysing);

        try (ServiceRuntime service = start(s)) {
            JsonNode running = JSON.readTree(call("GET", service.baseUrl() + "/history/" + RUNNING, null).body());
            assertEquals("failed", running.path("status").asText());
            assertEquals(ServiceRuntime.INTERRUPTED, running.path("error").asText());

            JsonNode analysed = JSON.readTree(call("GET", service.baseUrl() + "/history/" + ANALYSING, null).body());
            assertEquals("completed", analysed.path("status").asText(), "the run itself had finished");
            assertEquals("failed", analysed.path("analysis").path("state").asText());
            assertEquals(ServiceRuntime.ANALYSIS_INTERRUPTED, analysed.path("analysis").path("error").asText());
        }
    }

    @Test
    void aStoredConfigThatTodaysRulesRejectLeavesHistoryListableAndShowsTheConfigAsStored(@TempDir Path dir) throws Exception {
        Settings s = settings(dir);
        Files.createDirectories(dir.resolve("data"));
        RunConfig config = RunConfig.builder("http://127.0.0.1:9").users(4).get("root", "/").build();
        Instant t0 = Instant.parse("2026-11-29T08:00:00Z");
        try (SqliteRunHistory older = new SqliteRunHistory(Path.of(s.persistence().databasePath()), Composition.codec())) {
            older.insert(new RunRecord(RUNNING, RunState.COMPLETED, RunPhase.COMPLETED, t0, t0.plusSeconds(30), config,
                    new RunTotals(812, 0, 81.79954653246999, 2.0), List.of(), null, AnalysisState.NONE, null, null));
            older.insert(RunRecord.started(ANALYSING, t0.plusSeconds(60), config).withState(RunState.COMPLETED, t0, null));
        }
        // what an older build accepted and today's rules refuse: a field that has since been removed
        String stored = Composition.codec().encode(config).replaceFirst("\\{", "{\"ramp_up_seconds\":5,");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + s.persistence().databasePath());
             java.sql.PreparedStatement u = c.prepareStatement("UPDATE runs SET config_json = ? WHERE run_id = ?")) {
            u.setString(1, stored);
            u.setString(2, RUNNING);
            assertEquals(1, u.executeUpdate());
        }

        try (ServiceRuntime service = start(s)) {
            HttpResponse<String> list = call("GET", service.baseUrl() + "/history", null);
            assertEquals(200, list.statusCode(), list.body());
            JsonNode runs = JSON.readTree(list.body()).get("runs");
            assertEquals(2, runs.size(), list.body());
            JsonNode outdated = runs.get(1);
            assertEquals(RUNNING, outdated.get("run_id").asText());
            assertTrue(outdated.get("config_outdated").booleanValue(), list.body());
            assertEquals(4, outdated.get("users").asInt());
            assertEquals("http://127.0.0.1:9", outdated.get("target").asText());
            assertEquals(81.8, outdated.at("/totals/rps").asDouble(), "rounded to two decimals");
            assertTrue(!runs.get(0).get("config_outdated").booleanValue());

            HttpResponse<String> one = call("GET", service.baseUrl() + "/history/" + RUNNING, null);
            assertEquals(200, one.statusCode(), one.body());
            JsonNode detail = JSON.readTree(one.body());
            assertTrue(detail.get("config_outdated").booleanValue());
            assertEquals(JSON.readTree(stored), detail.get("config"));
            assertTrue(detail.get("config_violations").size() > 0, one.body());
        }
    }

    @Test
    void withoutConfiguredCredentialsAnAdminKeyIsGeneratedOnceAndOnlyItsHashIsStored(@TempDir Path dir) throws Exception {
        Settings s = settings(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ServiceRuntime service = ServiceRuntime.start(s, List.of(), new PrintStream(out, true))) {
            String printed = out.toString();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("x-api-key: (goose_\\S+)").matcher(printed);
            assertTrue(m.find(), printed);
            String key = m.group(1);
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/status"))
                    .header("x-api-key", key).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode());
            Path stored = dir.resolve("data").resolve(AdminKeyBootstrap.FILE_NAME);
            String content = Files.readString(stored);
            assertTrue(!content.contains(key) && content.contains(AdminKeyBootstrap.sha256Hex(key)));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)));
        }
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (ServiceRuntime ignored = ServiceRuntime.start(s, List.of(), new PrintStream(second, true))) {
            assertTrue(!second.toString().contains("x-api-key: goose_"), "the key is printed only once");
        }
    }

    @Test
    void aPortInUseIsAClearStartUpErrorAndTheServiceCanStartAgainAfterwards(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path file = Files.writeString(dir.resolve("busy.json"), """
                    {"server": {"port": %d},
                     "persistence": {"database_path": "%s", "report_dir": "%s", "data_dir": "%s"}}
                    """.formatted(taken.getLocalPort(), dir.resolve("data/goose.db"), dir.resolve("reports"), dir.resolve("data")));
            Settings busy = new SettingsLoader().load(List.of(file), Map.of());
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> start(busy));
            assertTrue(String.valueOf(e.getMessage()).contains(Integer.toString(taken.getLocalPort())), e.toString());
        }
        try (ServiceRuntime again = start(settings(dir))) {
            assertEquals(200, call("GET", again.baseUrl() + "/status", null).statusCode());
        }
    }

    /** Starts a one-transaction run against the demo target's {@code /} and returns its run id. */
    private String startRun(ServiceRuntime service, DemoTarget target, int users, int hatchRate, int seconds,
                            double thinkTime) throws Exception {
        String config = """
                {"config": {"target_base_url": "%s", "users": %d, "hatch_rate": %d, "duration": {"seconds": %d},
                 "think_time_seconds": %s, "scenarios": [{"name": "s", "transactions": [
                   {"name": "home", "request": {"method": "GET", "path": "/"}}]}]}}
                """.formatted(target.baseUrl(), users, hatchRate, seconds, thinkTime);
        HttpResponse<String> started = call("POST", service.baseUrl() + "/run", config);
        assertEquals(200, started.statusCode(), started.body());
        return JSON.readTree(started.body()).get("run_id").asText();
    }

    private int reportFiles(String base, String runId) {
        try {
            return JSON.readTree(call("GET", base + "/history/" + runId, null).body()).path("report_files").size();
        } catch (Exception e) {
            return -1;
        }
    }
}
