package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.adapter.http.helidon.ApiServerConfig;
import io.maid.goose.adapter.http.helidon.ApiServices;
import io.maid.goose.adapter.http.helidon.HelidonApiServer;
import io.maid.goose.adapter.http.helidon.auth.JwtSettings;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector.ApiKeyEntry;
import io.maid.goose.adapter.metrics.prometheus.PrometheusMetrics;
import io.maid.goose.adapter.persistence.SqliteRunHistory;
import io.maid.goose.adapter.plugins.mistral.MaidApiKeysIntrospector;
import io.maid.goose.adapter.plugins.mistral.MistralHealthProbe;
import io.maid.goose.adapter.plugins.mistral.MistralRecipeGenerator;
import io.maid.goose.adapter.plugins.mistral.MistralRunAnalyzer;
import io.maid.goose.adapter.plugins.mistral.MistralSettings;
import io.maid.goose.ports.out.CredentialIntrospector;
import io.maid.goose.ports.out.PluginHealth;
import io.maid.goose.ports.out.PluginHealthProbe;
import io.maid.goose.app.Composition;
import io.maid.goose.app.flows.FeedFolder;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.adapter.cluster.pekko.ClusterLoadTestEngine;
import io.maid.goose.app.cluster.ClusterWiring;
import io.maid.goose.ports.in.LoadTestEngine;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.RunArtifacts;
import io.maid.goose.ports.out.RunConfigCodec;
import io.maid.goose.ports.in.SubscribeRunEventsUseCase;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The run service, wired by hand: SQLite history, the runs' report files, the engine with its transport and
 * probe, the run coordinator (history + reports), and the Helidon API. At start-up, runs a crash left running
 * are marked failed, and reports a crash cut short are finished ({@link RunCoordinator#recoverReports()}). {@link #close()} stops an active run gracefully
 * (its report is written) before it shuts the rest down.
 */
public final class ServiceRuntime implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ServiceRuntime.class.getName());
    static final String INTERRUPTED = "interrupted: service stopped during the run";
    static final String ANALYSIS_INTERRUPTED = "interrupted: the service stopped before the analysis finished";

    private final Settings settings;
    private final TargetAllowList allowedTargets;
    private final SqliteRunHistory history;
    private final LoadTransport transport;
    private final LoadTestEngine engine;
    private final ClusterLoadTestEngine clusterEngine;
    private final RunCoordinator coordinator;
    private final PluginRegistry plugins;
    private final SubscribeRunEventsUseCase.Subscription metricsFeed;
    private final List<AutoCloseable> pluginClients = new ArrayList<>();
    private final HelidonApiServer server;

    private ServiceRuntime(Settings settings, List<ApiKeyEntry> extraKeys, PrintStream out) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            this.settings = settings;
            RunConfigCodec codec = Composition.codec();
            RunArtifacts artifacts = Composition.artifacts(Path.of(settings.persistence().reportDir()));
            history = new SqliteRunHistory(Path.of(settings.persistence().databasePath()), codec);
            opened.add(history);
            for (RunListing r : history.markInterrupted(INTERRUPTED)) {
                LOG.log(Level.WARNING, "run " + r.runId() + " was still running when the service last stopped; marked failed");
            }
            for (RunListing r : history.markAnalysesInterrupted(ANALYSIS_INTERRUPTED)) {
                LOG.log(Level.WARNING, "the analysis of run " + r.runId()
                        + " was still pending when the service last stopped; marked failed");
            }
            allowedTargets = settings.security().targetAllowList(TargetAllowList.loopback());
            LOG.log(Level.INFO, "runs may target: " + allowedTargets.describe() + " (security.allowed_targets"
                    + (settings.security().allowedTargetsSet() ? ")" : "; the built-in default)"));
            if (settings.engine().cluster().enabled()) {
                // The coordinator of a cluster: runs go to the workers that join it; this process sends no load.
                transport = null;
                clusterEngine = ClusterWiring.coordinator(ClusterWiring.settings(settings.engine().cluster(), null, null, null));
                opened.add(clusterEngine);
                engine = clusterEngine;
                LOG.log(Level.INFO, "cluster coordinator at " + clusterEngine.address() + ": runs go to the workers that join"
                        + " it (goose worker --cluster " + clusterEngine.address() + ")");
            } else {
                transport = Composition.transport(settings.engine());
                opened.add(transport);
                clusterEngine = null;
                engine = Composition.engine(transport, allowedTargets);
            }
            Path feedDir = Path.of(settings.engine().dataDir()).toAbsolutePath().normalize();
            LOG.log(Level.INFO, "feeder CSV files are read from " + feedDir + " (engine.data_dir), and from nowhere else");
            coordinator = new RunCoordinator(engine, history, artifacts, settings.persistence().maxHistory(),
                    Clock.systemUTC(), Composition.feedResolver(FeedFolder.confinedTo(feedDir)));
            opened.add(coordinator);
            coordinator.recoverReports();
            PrometheusMetrics metrics = Composition.metrics(settings.server().metrics(), history);
            metricsFeed = coordinator.subscribe(metrics.listener());
            opened.add(metricsFeed);
            List<ApiKeyEntry> keys = new ArrayList<>(extraKeys);
            for (Settings.ApiKey k : settings.security().apiKeys()) {
                keys.add(new ApiKeyEntry(k.subject(), k.sha256(), new HashSet<>(k.scopes())));
            }
            boolean auth = settings.security().requireAuthentication();
            if (auth && keys.isEmpty() && settings.security().jwt() == null) {
                AdminKeyBootstrap.StoredKey admin = AdminKeyBootstrap.ensure(Path.of(settings.persistence().dataDir()), out);
                keys.add(new ApiKeyEntry(admin.subject(), admin.sha256(), new HashSet<>(admin.scopes())));
            }
            Settings.PluginBus bus = settings.pluginBus();
            MaidApiKeysIntrospector remoteKeys = null;
            List<PluginHealth> unprobed = new ArrayList<>();
            if (bus.mistralEndpoint() == null) {
                unprobed.add(PluginHealth.notConfigured(PluginHealth.MISTRAL));
            }
            if (bus.apiKeysEndpoint() != null) {
                remoteKeys = new MaidApiKeysIntrospector(URI.create(bus.apiKeysEndpoint()),
                        seconds(bus.connectTimeoutSeconds()), Clock.systemUTC(), 10_000);
                pluginClients.add(remoteKeys);
                unprobed.add(new PluginHealth(PluginHealth.MAID_APIKEYS, bus.apiKeysEndpoint(), PluginHealth.State.CONFIGURED,
                        null, List.of()));
            } else {
                unprobed.add(PluginHealth.notConfigured(PluginHealth.MAID_APIKEYS));
            }
            MistralRecipeGenerator recipes = null;
            MistralRunAnalyzer analyzer = null;
            List<PluginHealthProbe> probes = new ArrayList<>();
            if (bus.mistralEndpoint() != null) {
                MistralSettings ms = new MistralSettings(URI.create(bus.mistralEndpoint()), bus.mistralApiKey(), bus.model(),
                        seconds(bus.connectTimeoutSeconds()), seconds(bus.recipeTimeoutSeconds()), seconds(bus.analysisTimeoutSeconds()));
                recipes = new MistralRecipeGenerator(ms, codec);
                analyzer = new MistralRunAnalyzer(ms);
                MistralHealthProbe probe = new MistralHealthProbe(ms);
                probes.add(probe);
                pluginClients.addAll(List.of(recipes, analyzer, probe));
            }
            opened.addAll(pluginClients);
            plugins = new PluginRegistry(recipes, analyzer, probes, unprobed, history, artifacts, coordinator);
            opened.add(plugins);
            CredentialIntrospector apiKeys = new LayeredApiKeyIntrospector(new StaticApiKeyIntrospector(keys), remoteKeys);
            ApiServerConfig config = new ApiServerConfig(settings.server().host(), settings.server().port(),
                    settings.server().cors().allowedOrigins(), auth, jwt(settings.security().jwt()),
                    allowedTargets, 256, Duration.ofSeconds(30), settings.security().reportLinkSecret(),
                    settings.server().metrics().publicAccess());
            if (config.metricsPublic()) {
                LOG.log(Level.WARNING, "GET /metrics answers without a credential (server.metrics.public = true): run ids,"
                        + " targets and transaction names are visible to anyone who can reach the service");
            }
            server = HelidonApiServer.start(config, new ApiServices(coordinator, history, codec, apiKeys, Clock.systemUTC(),
                    artifacts, remoteKeys, plugins, plugins, plugins, metrics));
        } catch (RuntimeException e) {
            // A half-built service (e.g. the port is taken) must not leave the database or clients open.
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static Duration seconds(Double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    public static ServiceRuntime start(Settings settings, List<ApiKeyEntry> extraKeys, PrintStream out) {
        return new ServiceRuntime(settings, extraKeys, out);
    }

    private static JwtSettings jwt(Settings.Jwt j) {
        if (j == null) {
            return null;
        }
        String jwks = null;
        try {
            if (j.jwks() != null) {
                jwks = new ObjectMapper().writeValueAsString(j.jwks());
            } else if (j.jwksFile() != null) {
                jwks = Files.readString(Path.of(j.jwksFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("security.jwt: cannot read the JWK set: " + e.getMessage(), e);
        }
        return new JwtSettings(j.issuer(), j.audience(), jwks, j.hs256Secret(),
                Duration.ofSeconds(j.clockSkewSeconds() == null ? 30 : j.clockSkewSeconds()));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    /** The built-in dashboard, e.g. {@code http://127.0.0.1:43121/dashboard/}. */
    public String dashboardUrl() {
        return server.dashboardUrl();
    }

    /** The cluster coordinator's {@code host:port}, or null when this service runs its load itself. */
    public String clusterAddress() {
        return clusterEngine == null ? null : clusterEngine.address();
    }

    public RunCoordinator coordinator() {
        return coordinator;
    }

    public Settings settings() {
        return settings;
    }

    /** The hosts runs may target, and their redirects lead to. */
    public TargetAllowList allowedTargets() {
        return allowedTargets;
    }

    /** What shutting down does now: stops the active run gracefully, or, with none active, only the service. */
    public String shutdownNotice() {
        EngineStatus s = engine.status();
        return s.active()
                ? "stopping run " + s.runId() + " gracefully (its history record and reports are written), then shutting down"
                : "no run is active; shutting down";
    }

    @Override
    public void close() {
        try {
            EngineStatus s = engine.status();
            if (s.active() && engine.stop()) {
                LOG.log(Level.INFO, "stopping run " + s.runId() + " before shutdown");
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (engine.status().active() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
                }
            }
            coordinator.drain(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            plugins.close();
            for (AutoCloseable c : pluginClients) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "closing a plugin client failed: " + e.getMessage());
                }
            }
            metricsFeed.close();
            coordinator.close();
            if (transport != null) {
                transport.close();
            }
            if (clusterEngine != null) {
                clusterEngine.close(Duration.ofSeconds(30));
            }
            history.close();
        }
    }
}
