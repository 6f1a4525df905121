package io.maid.goose.app.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.maid.goose.adapter.metrics.prometheus.PrometheusMetrics;
import io.maid.goose.domain.TargetAllowList;

import java.util.List;

/**
 * The service's settings, as merged from built-in defaults, {@code /etc/maid/config.json},
 * {@code ./config.json}, {@code --config FILE} and {@code MAID__SECTION__KEY} environment variables
 * (later sources win). Field names are the snake_case keys of {@code config.json}.
 */
public record Settings(Server server, Persistence persistence, Security security, PluginBus pluginBus, Engine engine) {

    /** {@code server{host, port, websocket_path, cors{allowed_origins}, metrics{public, max_transactions}}}. */
    public record Server(String host, Integer port, String websocketPath, Cors cors, Metrics metrics) {
        public Server {
            metrics = metrics == null ? Metrics.DEFAULT : metrics;
        }

        /** With the default metrics settings. */
        public Server(String host, Integer port, String websocketPath, Cors cors) {
            this(host, port, websocketPath, cors, null);
        }
    }

    /**
     * {@code server.metrics}: whether {@code GET /metrics} answers without a credential ({@code public}), and how
     * many scenario/transaction label pairs a run's series keep before the rest are folded into {@code other}.
     */
    public record Metrics(@JsonProperty("public") Boolean publicAccess, Integer maxTransactions) {
        /** The most transaction label pairs a run may keep: past this a scrape gets too big for its use. */
        public static final int MAX_TRANSACTIONS = 10_000;
        public static final Metrics DEFAULT = new Metrics(false, PrometheusMetrics.DEFAULT_MAX_TRANSACTIONS);
    }

    public record Cors(List<String> allowedOrigins) {
    }

    /** {@code persistence{database_path, report_dir, data_dir, max_history}}. */
    public record Persistence(String databasePath, String reportDir, String dataDir, Integer maxHistory) {
    }

    /**
     * {@code security{require_authentication, jwt, api_keys, allowed_targets, report_link_secret}}.
     * {@code allowed_targets} is null unless a file or the environment sets it: the service then allows loopback
     * only, and {@code goose run} any host (see {@link #targetAllowList}). The secret signs the dashboard's report
     * links (null: a random key per process).
     */
    public record Security(Boolean requireAuthentication, Jwt jwt, List<ApiKey> apiKeys, List<String> allowedTargets,
                           String reportLinkSecret) {
        public Security(Boolean requireAuthentication, Jwt jwt, List<ApiKey> apiKeys, List<String> allowedTargets) {
            this(requireAuthentication, jwt, apiKeys, allowedTargets, null);
        }

        @Override
        public String toString() {
            return "Security[requireAuthentication=" + requireAuthentication + ", jwt=" + jwt + ", apiKeys=" + apiKeys
                    + ", allowedTargets=" + allowedTargets + ", reportLinkSecret="
                    + (reportLinkSecret == null ? "random" : "configured") + "]";
        }

        /** Whether a settings file or the environment set {@code allowed_targets}. */
        public boolean allowedTargetsSet() {
            return allowedTargets != null;
        }

        /**
         * The allow-list in force: {@code allowed_targets} when it is set, else {@code unset}.
         *
         * @throws io.maid.goose.domain.ConfigException for a malformed pattern (the loader has already refused
         *                                             those with a {@link SettingsException})
         */
        public TargetAllowList targetAllowList(TargetAllowList unset) {
            return allowedTargets == null ? unset : TargetAllowList.of(allowedTargets);
        }
    }

    /**
     * JWT verification keys: an inline JWK set ({@code jwks}), a JWK set file ({@code jwks_file}), or an
     * HS256 shared secret ({@code hs256_secret}, as maid-apikeys issues); plus {@code issuer} and
     * {@code audience} to check, and the allowed clock skew.
     */
    public record Jwt(String issuer, String audience, Object jwks, String jwksFile, String hs256Secret,
                      Integer clockSkewSeconds) {
    }

    /** A static API key, stored only as its SHA-256 hex hash. */
    public record ApiKey(String subject, String sha256, List<String> scopes) {
    }

    /** {@code plugin_bus{mistral_endpoint, api_keys_endpoint, mistral_api_key, model, timeouts}}. */
    public record PluginBus(String mistralEndpoint, String apiKeysEndpoint, String mistralApiKey, String model,
                            Double connectTimeoutSeconds, Double recipeTimeoutSeconds, Double analysisTimeoutSeconds) {
    }

    /**
     * {@code engine{transport, event_loops, data_dir, cluster, tls_provider}}: which load transport to use, for
     * {@code lean} how many event loops run the users (null: {@link #defaultEventLoops()}), the folder the service
     * reads data feeders' CSV files from (a config's {@code csv} paths resolve below it and may not leave it), how this
     * process takes part in a cluster of workers (see {@link Cluster}), and which TLS implementation the {@code lean}
     * event loops use for https ({@link #TLS_PROVIDERS}: {@code auto}, the default, is BoringSSL where its native
     * library loads and the JDK's otherwise).
     */
    public record Engine(String transport, Integer eventLoops, String dataDir, Cluster cluster, String tlsProvider) {
        /** The transports by their settings names. */
        public static final java.util.List<String> TRANSPORTS = java.util.List.of("lean", "lean-threads", "httpclient5");
        /** The TLS implementations of the {@code lean} event loops by their settings names. */
        public static final java.util.List<String> TLS_PROVIDERS = java.util.List.of("auto", "boringssl", "jdk");
        /** The most event loops accepted. */
        public static final int MAX_EVENT_LOOPS = 256;
        /** Where the service looks for feeder files unless {@code engine.data_dir} says otherwise. */
        public static final String DEFAULT_DATA_DIR = "data/feeds";

        public Engine {
            dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
            cluster = cluster == null ? Cluster.DEFAULTS : cluster;
            tlsProvider = tlsProvider == null ? "auto" : tlsProvider;
        }

        /** With every other setting kept. */
        public Engine(String transport, Integer eventLoops, String dataDir, Cluster cluster) {
            this(transport, eventLoops, dataDir, cluster, null);
        }

        /** This choice with another transport and loop count, every other setting kept. */
        public Engine withTransport(String otherTransport, Integer otherEventLoops) {
            return new Engine(otherTransport, otherEventLoops, dataDir, cluster, tlsProvider);
        }

        /** A transport choice and data folder, with the default cluster settings (not a cluster node). */
        public Engine(String transport, Integer eventLoops, String dataDir) {
            this(transport, eventLoops, dataDir, null);
        }

        /** A transport choice with the default data folder. */
        public Engine(String transport, Integer eventLoops) {
            this(transport, eventLoops, null);
        }

        /** Half the available cores, at least one: the rest stays free for the JVM, the API and a local target. */
        public static int defaultEventLoops() {
            return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }

        /** {@link #eventLoops()}, or the default when it is not set. */
        public int eventLoopsOrDefault() {
            return eventLoops == null ? defaultEventLoops() : eventLoops;
        }
    }

    /**
     * {@code engine.cluster{enabled, seed_nodes, bind_host, bind_port, advertise_host, secret, tls, sample_grace_seconds,
     * command_window_seconds, discovery, heartbeat_pause_seconds}}: with {@code enabled}, {@code goose serve} is a cluster's coordinator and runs
     * go to its workers ({@code goose run --cluster} and {@code goose worker} use the rest without it). The secret and the
     * store passwords never appear in {@link #toString()}.
     */
    public record Cluster(Boolean enabled, List<String> seedNodes, String bindHost, Integer bindPort, String advertiseHost,
                          String secret, ClusterTls tls, Double sampleGraceSeconds, Double commandWindowSeconds,
                          ClusterDiscovery discovery, Double heartbeatPauseSeconds) {
        /** Not a cluster node; loopback, port 25520 when it becomes one. */
        public static final Cluster DEFAULTS = new Cluster(false, List.of(), "127.0.0.1", 25520, null, null, null, 2.0, 30.0,
                null, 3.0);

        public Cluster {
            enabled = enabled != null && enabled;
            seedNodes = seedNodes == null ? List.of() : List.copyOf(seedNodes);
        }

        @Override
        public String toString() {
            return "Cluster[enabled=" + enabled + ", seedNodes=" + seedNodes + ", bind=" + bindHost + ":" + bindPort
                    + ", advertiseHost=" + advertiseHost + ", secret=" + (secret == null ? "missing" : "configured")
                    + ", tls=" + tls + ", sampleGraceSeconds=" + sampleGraceSeconds + ", commandWindowSeconds="
                    + commandWindowSeconds + ", discovery=" + discovery + ", heartbeatPauseSeconds=" + heartbeatPauseSeconds
                    + "]";
        }
    }

    /**
     * {@code engine.cluster.discovery{method, service_name, label_selector, namespace, management_port,
     * required_contact_points, endpoints}}: how a node finds its cluster, {@code seed-nodes} (the default) or Pekko
     * Management's cluster bootstrap with {@code kubernetes} (API) or {@code config} discovery; null fields take the
     * adapter's defaults.
     */
    public record ClusterDiscovery(String method, String serviceName, String labelSelector, String namespace,
                                   Integer managementPort, Integer requiredContactPoints, List<String> endpoints) {
    }

    /** {@code engine.cluster.tls{key_store, key_store_password, trust_store, trust_store_password}}: PKCS12 files. */
    public record ClusterTls(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {
        @Override
        public String toString() {
            return "ClusterTls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
        }
    }
}
