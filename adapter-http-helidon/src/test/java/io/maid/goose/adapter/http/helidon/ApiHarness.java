package io.maid.goose.adapter.http.helidon;

import io.maid.goose.testkit.InMemoryRunArtifacts;
import io.maid.goose.testkit.InMemoryRunHistory;
import io.maid.goose.adapter.http.helidon.auth.JwtSettings;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector;

import io.maid.goose.domain.Scopes;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.ports.in.GenerateRecipeUseCase;
import io.maid.goose.ports.in.PluginStatusQuery;
import io.maid.goose.ports.in.RequestAnalysisUseCase;
import io.maid.goose.ports.out.CredentialIntrospector;
import io.maid.goose.ports.out.MetricsExposition;
import io.maid.goose.testkit.FakeRunConfigCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A real server on an ephemeral port over fakes, with credentials and an HTTP client. Its runs' report files
 * are held in memory ({@link #artifacts}).
 */
final class ApiHarness implements AutoCloseable {
    static final String RW_KEY = "gk_rw_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    static final String RO_KEY = "gk_ro_0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String WO_KEY = "gk_wo_1122334455667788990011223344556677";
    static final Instant NOW = Instant.parse("2024-06-15T12:00:00Z");
    static final String EXAMPLE_BODY = """
            {
              "config": {
                "target_base_url": "https://target.example",
                "users": 200,
                "hatch_rate": 50,
                "duration": { "seconds": 600 },
                "think_time_seconds": 3,
                "scenarios": [
                  {
                    "name": "checkout",
                    "weight": 2,
                    "transactions": [
                      { "name": "get-root", "request": { "method": "GET", "path": "/" } }
                    ]
                  }
                ],
                "scheduler": "round-robin",
                "reports": { "formats": ["json", "csv", "html"] },
                "plugin_hints": { "tags": ["production", "canary"] }
              }
            }
            """;

    final InMemoryRunHistory history = new InMemoryRunHistory();
    final FakeEngine engine = new FakeEngine(history);
    final FakeRunConfigCodec codec = new FakeRunConfigCodec();
    final InMemoryRunArtifacts artifacts = new InMemoryRunArtifacts();
    final HelidonApiServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ApiHarness(Options o) {
        UnaryOperator<ApiServerConfig> tweak = o.tweak;
        CredentialIntrospector introspector = o.apiKeys;
        ApiServerConfig config = tweak.apply(new ApiServerConfig("127.0.0.1", 0, List.of("https://dash.example"), true,
                new JwtSettings(Tokens.ISSUER, Tokens.AUDIENCE, Tokens.jwks(), Tokens.HS_SECRET, Duration.ofSeconds(30)),
                TargetAllowList.of(List.of("target.example", "*.example.com", "localhost", "127.0.0.1")), 256, Duration.ofSeconds(30)));
        CredentialIntrospector keys = introspector != null ? introspector : new StaticApiKeyIntrospector(List.of(
                new StaticApiKeyIntrospector.ApiKeyEntry("ops", StaticApiKeyIntrospector.sha256Hex(RW_KEY),
                        Set.of(Scopes.READ, Scopes.WRITE)),
                new StaticApiKeyIntrospector.ApiKeyEntry("viewer", StaticApiKeyIntrospector.sha256Hex(RO_KEY),
                        Set.of(Scopes.READ)),
                new StaticApiKeyIntrospector.ApiKeyEntry("robot", StaticApiKeyIntrospector.sha256Hex(WO_KEY),
                        Set.of(Scopes.WRITE))));
        ApiServices basic = ApiServices.basic(engine, history, codec, keys, Clock.fixed(NOW, ZoneOffset.UTC), artifacts);
        ApiServices services = new ApiServices(basic.engine(), basic.history(), basic.codec(), basic.apiKeys(),
                basic.wallClock(), basic.artifacts(), o.privileged,
                o.recipes != null ? o.recipes : basic.recipes(),
                o.analysis != null ? o.analysis : basic.analysis(),
                o.plugins != null ? o.plugins : basic.plugins()).withMetrics(o.metrics);
        server = HelidonApiServer.start(config, services);
    }

    /** What to put behind the server beyond the defaults (static API keys, no plugins, no privileged check). */
    static final class Options {
        private UnaryOperator<ApiServerConfig> tweak = c -> c;
        private CredentialIntrospector apiKeys;
        private CredentialIntrospector privileged;
        private GenerateRecipeUseCase recipes;
        private RequestAnalysisUseCase analysis;
        private PluginStatusQuery plugins;
        private MetricsExposition metrics;

        Options config(UnaryOperator<ApiServerConfig> t) {
            this.tweak = t;
            return this;
        }

        Options apiKeys(CredentialIntrospector i) {
            this.apiKeys = i;
            return this;
        }

        Options privileged(CredentialIntrospector i) {
            this.privileged = i;
            return this;
        }

        /** One fake for all three plugin use cases. */
        Options plugins(FakePluginBus bus) {
            this.recipes = bus;
            this.analysis = bus;
            this.plugins = bus;
            return this;
        }

        /** What {@code GET /metrics} serves (none by default: it answers 503). */
        Options metrics(MetricsExposition m) {
            this.metrics = m;
            return this;
        }

        ApiHarness start() {
            return new ApiHarness(this);
        }
    }

    static Options options() {
        return new Options();
    }

    static ApiHarness start() {
        return options().start();
    }

    static ApiHarness start(UnaryOperator<ApiServerConfig> tweak) {
        return options().config(tweak).start();
    }

    static ApiHarness start(UnaryOperator<ApiServerConfig> tweak, CredentialIntrospector introspector) {
        return options().config(tweak).apiKeys(introspector).start();
    }

    static ApiServerConfig with(ApiServerConfig c, boolean requireAuth, JwtSettings jwt, TargetAllowList targets) {
        return new ApiServerConfig(c.host(), c.port(), c.corsAllowedOrigins(), requireAuth, jwt, targets,
                c.streamQueueCapacity(), c.streamStallTimeout());
    }

    /** Clears run state between tests that share one server. */
    void reset() {
        engine.reset();
        history.clear();
    }

    static ApiServerConfig withStream(ApiServerConfig c, int capacity, Duration stall) {
        return new ApiServerConfig(c.host(), c.port(), c.corsAllowedOrigins(), c.requireAuthentication(), c.jwt(),
                c.allowedTargets(), capacity, stall);
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    /** A URL at the server's root, outside the API's base path ({@code /metrics}). */
    String rootUrl(String path) {
        return server.baseUrl().substring(0, server.baseUrl().length() - HelidonApiServer.BASE_PATH.length()) + path;
    }

    HttpResponse<String> getAtRoot(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(rootUrl(path))).GET(), headers);
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), headers);
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, headers);
    }

    HttpResponse<String> postBytes(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, headers);
    }

    HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String[] apiKey(String key) {
        return new String[] {"x-api-key", key};
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    @Override
    public void close() {
        server.close();
        http.close();
    }
}
