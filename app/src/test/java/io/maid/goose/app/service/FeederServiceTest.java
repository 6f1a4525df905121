package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector.ApiKeyEntry;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsLoader;
import io.maid.goose.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * POST /run with CSV feeders: the service reads them only below engine.data_dir; a path that leaves it, a missing
 * file, a bad row and a column a template needs are each 400 invalid_config at their pointer, and nothing is run
 * or recorded.
 */
class FeederServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "feeder-key-0123456789";
    private static final String RUN = """
            {"config": {"target_base_url": "%s", "users": 1, "hatch_rate": 10, "duration": {"seconds": 1},
             "data": [{"name": "accounts", "csv": "%s"}],
             "scenarios": [{"name": "s", "transactions": [{"name": "home", "feed": "accounts",
               "request": {"method": "GET", "path": "/", "headers": [{"name": "X-User", "value": "%s"}]}}]}]}}""";

    @TempDir
    Path dir;
    private Path feeds;
    private DemoTarget target;
    private ServiceRuntime service;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        feeds = Files.createDirectories(dir.resolve("feeds"));
        Path file = Files.writeString(dir.resolve("settings.json"), """
                {"server": {"port": 0},
                 "persistence": {"database_path": "%s", "report_dir": "%s", "data_dir": "%s", "max_history": 5},
                 "security": {"allowed_targets": ["127.0.0.1"]},
                 "engine": {"data_dir": "%s"}}
                """.formatted(dir.resolve("data/goose.db"), dir.resolve("reports"), dir.resolve("data"), feeds));
        Settings settings = new SettingsLoader().load(List.of(file), Map.of());
        target = new DemoTarget();
        service = ServiceRuntime.start(settings, List.of(new ApiKeyEntry("t", AdminKeyBootstrap.sha256Hex(KEY),
                Set.of("read:loadtests", "write:loadtests"))), new PrintStream(new ByteArrayOutputStream()));
    }

    @AfterEach
    void stop() {
        service.close();
        target.close();
    }

    private HttpResponse<String> post(String csv, String header) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/run")).header("x-api-key", KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RUN.formatted(target.baseUrl(), csv.replace("\\", "\\\\"), header)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).header("x-api-key", KEY).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The 400 answer had exactly this one violation, and no run was recorded. */
    private void assertRefused(HttpResponse<String> answer, String pointer, String message) throws Exception {
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals(JSON.readTree("""
                {"error": "invalid_config", "message": "1 problem(s) in the run config", "violations": [{"pointer": %s, "message": %s}]}
                """.formatted(JSON.writeValueAsString(pointer), JSON.writeValueAsString(message))), JSON.readTree(answer.body()));
        assertEquals(0, get("/history").get("total").asInt());
    }

    @Test
    void anAbsolutePathIsRefused() throws Exception {
        Files.writeString(dir.resolve("accounts.csv"), "username\nalice\n");
        String absolute = dir.resolve("accounts.csv").toString();

        assertRefused(post(absolute, "x"), "/config/data/0/csv", "csv: '" + absolute + "' is an absolute path; the service"
                + " reads feeder files only below its data folder (engine.data_dir), so give a path relative to it");
    }

    @Test
    void aPathUpAndOutIsRefused() throws Exception {
        Files.writeString(dir.resolve("accounts.csv"), "username\nalice\n");

        assertRefused(post("../accounts.csv", "x"), "/config/data/0/csv", "csv: '../accounts.csv' holds '..'; the service"
                + " reads feeder files only below its data folder (engine.data_dir)");
    }

    @Test
    void aSymbolicLinkToEtcPasswdIsRefused() throws Exception {
        Files.createSymbolicLink(feeds.resolve("users.csv"), Path.of("/etc/passwd"));

        assertRefused(post("users.csv", "x"), "/config/data/0/csv", "csv: 'users.csv' leads out of the service's data"
                + " folder (engine.data_dir) through a symbolic link; feeder files must lie below it");
    }

    @Test
    void aMissingFileIsNamedByItsResolvedPath() throws Exception {
        assertRefused(post("accounts.csv", "x"), "/config/data/0/csv", "csv: file not found: " + feeds.resolve("accounts.csv"));
    }

    @Test
    void aBadRowIsNamedByFileAndLine() throws Exception {
        Files.writeString(feeds.resolve("accounts.csv"), "username,password\nalice,a\nbob,b,c\n");

        assertRefused(post("accounts.csv", "x"), "/config/data/0/csv", "csv: " + feeds.resolve("accounts.csv").toRealPath()
                + ":3: has 3 values but the header names 2 columns (username, password)");
    }

    @Test
    void aColumnTheFileLacksIsRefusedAtTheTemplate() throws Exception {
        Files.writeString(feeds.resolve("accounts.csv"), "username,password\nalice,a\n");

        assertRefused(post("accounts.csv", "{{accounts.email}}"), "/config/scenarios/0/transactions/0/request/headers/0/value",
                "value: variable 'accounts.email' is never set: feeder 'accounts' has no column 'email' (its columns: username,"
                        + " password); known: accounts.username, accounts.password");
    }

    @Test
    void aRunWithAFeederFileStartsAndItsHistoryKeepsThePathAsWritten() throws Exception {
        Files.writeString(feeds.resolve("accounts.csv"), "username,password\nalice,a\n");

        HttpResponse<String> started = post("accounts.csv", "fixed");

        assertEquals(200, started.statusCode(), started.body());
        String runId = JSON.readTree(started.body()).get("run_id").asText();
        Await.until(() -> !service.coordinator().status().active(), Duration.ofSeconds(30), "the run ends");
        assertEquals("accounts.csv", get("/history/" + runId).at("/config/data/0/csv").asText());
    }
}
