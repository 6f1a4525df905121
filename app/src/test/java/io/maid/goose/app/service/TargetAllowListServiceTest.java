package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector.ApiKeyEntry;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsLoader;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's target allow-list holds on the first request and on every redirect hop, with a real redirecting target. */
class TargetAllowListServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "test-key-allow-list-0123";
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"lean", "lean-threads", "httpclient5"})
    void aRedirectToAHostNotOnTheListIsNeverFollowedAndEveryRequestFailsAsRedirectNotAllowed(String transport,
                                                                                              @TempDir Path dir) throws Exception {
        AtomicInteger stolen = new AtomicInteger();
        AtomicInteger redirected = new AtomicInteger();
        // "localhost" is the same loopback interface, but not on the list: only "127.0.0.1" is.
        HttpServer other = server(InetAddress.getByName("localhost"));
        other.createContext("/", ex -> {
            stolen.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        other.start();
        HttpServer target = server(InetAddress.getByName("127.0.0.1"));
        target.createContext("/", ex -> {
            redirected.incrementAndGet();
            ex.getResponseHeaders().add("Location", "http://localhost:" + other.getAddress().getPort() + "/stolen");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        target.start();
        Settings settings = settings(dir, "\"allowed_targets\": [\"127.0.0.1\"]", transport);
        try (ServiceRuntime service = start(settings)) {
            CompletableFuture<RunSummary> ended = new CompletableFuture<>();
            service.coordinator().subscribe(e -> {
                if (e instanceof RunEnded r) {
                    ended.complete(r.summary());
                }
            });
            String config = """
                    {"config": {"target_base_url": "http://127.0.0.1:%d", "users": 1, "hatch_rate": 10,
                     "duration": {"seconds": 120}, "think_time_seconds": 0.1, "scenarios": [{"name": "s", "transactions": [
                       {"name": "home", "request": {"method": "GET", "path": "/", "allow_redirects": true}}]}]}}
                    """.formatted(target.getAddress().getPort());
            HttpResponse<String> started = call(service.baseUrl() + "/run", config);
            assertEquals(200, started.statusCode(), started.body());
            // The run is stopped once the target has answered a few requests, however slowly the machine runs.
            Await.until(() -> redirected.get() >= 5, Duration.ofSeconds(60), "five requests at the allowed target");
            HttpResponse<String> stopped = call(service.baseUrl() + "/stop", "{}");
            assertEquals(202, stopped.statusCode(), stopped.body());

            RunSummary summary = ended.get(60, TimeUnit.SECONDS);

            long requests = summary.total().count();
            assertTrue(requests >= 5, "requests " + requests);
            assertEquals(0, stolen.get(), "the host not on the list received requests");
            assertEquals(requests, redirected.get(), "the engine's count is the allowed target's own");
            assertEquals(Map.of(ErrorKind.REDIRECT_NOT_ALLOWED, requests), summary.total().errors());
        } finally {
            target.stop(0);
            other.stop(0);
        }
    }

    @Test
    void withoutTheSettingTheServiceAllowsLoopbackOnly(@TempDir Path dir) throws Exception {
        try (ServiceRuntime service = start(settings(dir, null, "lean"))) {
            assertEquals(TargetAllowList.loopback(), service.allowedTargets());
            JsonNode refused = JSON.readTree(call(service.baseUrl() + "/run", runAt("http://10.1.2.3:8080")).body());
            assertEquals("target_not_allowed", refused.get("error").asText(), refused.toString());
        }
    }

    private static String runAt(String target) {
        return """
                {"config": {"target_base_url": "%s", "users": 1, "hatch_rate": 1, "duration": {"seconds": 1},
                 "scenarios": [{"name": "s", "transactions": [{"name": "t", "request": {"method": "GET", "path": "/"}}]}]}}
                """.formatted(target);
    }

    private static HttpServer server(InetAddress address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 64);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        return server;
    }

    private static Settings settings(Path dir, String allowedTargets, String transport) throws Exception {
        Path file = Files.writeString(dir.resolve("settings.json"), """
                {"server": {"port": 0},
                 "persistence": {"database_path": "%s", "report_dir": "%s", "data_dir": "%s"},
                 "security": {%s},
                 "engine": {"transport": "%s"}}
                """.formatted(dir.resolve("data/goose.db"), dir.resolve("reports"), dir.resolve("data"),
                allowedTargets == null ? "" : allowedTargets, transport));
        return new SettingsLoader().load(List.of(file), Map.of());
    }

    private static ServiceRuntime start(Settings s) {
        return ServiceRuntime.start(s, List.of(new ApiKeyEntry("t", AdminKeyBootstrap.sha256Hex(KEY),
                Set.of("read:loadtests", "write:loadtests"))), new PrintStream(new ByteArrayOutputStream()));
    }

    private HttpResponse<String> call(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("x-api-key", KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
