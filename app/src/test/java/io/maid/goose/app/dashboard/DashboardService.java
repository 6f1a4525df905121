package io.maid.goose.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector.ApiKeyEntry;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.app.service.AdminKeyBootstrap;
import io.maid.goose.app.service.ServiceRuntime;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsLoader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The real run service on a free port, with SQLite and reports in a temporary folder, and a demo target. */
final class DashboardService implements AutoCloseable {
    static final String KEY = "dash-rw-key-0123456789abcdef";
    static final String READ_ONLY_KEY = "dash-ro-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    final DemoTarget target;
    final ServiceRuntime service;
    private final HttpClient http = HttpClient.newHttpClient();

    DashboardService(Path dir) throws Exception {
        this(dir, null);
    }

    /** @param mistralEndpoint a mistral.rs (stand-in) to configure, or null for none */
    DashboardService(Path dir, String mistralEndpoint) throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"), """
                {"server": {"port": 0},
                 "persistence": {"database_path": "%s", "report_dir": "%s", "data_dir": "%s"},
                 "security": {"allowed_targets": ["127.0.0.1"]}%s}
                """.formatted(dir.resolve("data/goose.db"), dir.resolve("reports"), dir.resolve("data"),
                mistralEndpoint == null ? "" : ", \"plugin_bus\": {\"mistral_endpoint\": \"" + mistralEndpoint + "\"}"));
        Settings settings = new SettingsLoader().load(List.of(file), Map.of());
        target = new DemoTarget();
        service = ServiceRuntime.start(settings, List.of(
                new ApiKeyEntry("operator", AdminKeyBootstrap.sha256Hex(KEY), Set.of("read:loadtests", "write:loadtests")),
                new ApiKeyEntry("viewer", AdminKeyBootstrap.sha256Hex(READ_ONLY_KEY), Set.of("read:loadtests"))),
                new PrintStream(new ByteArrayOutputStream()));
    }

    String dashboard() {
        return service.dashboardUrl();
    }

    JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).header("x-api-key", KEY);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return res.body().isEmpty() ? JSON.nullNode() : JSON.readTree(res.body());
    }

    /** The newest run in history. */
    String runIdOfLatest() {
        try {
            return call("GET", "/history?limit=1", null).at("/runs/0/run_id").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Closes the browser (when one started), then the service. */
    void closeWith(Browser browser) {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            target.close();
            http.close();
        }
    }
}
