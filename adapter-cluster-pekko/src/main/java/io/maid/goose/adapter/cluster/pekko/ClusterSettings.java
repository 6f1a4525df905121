package io.maid.goose.adapter.cluster.pekko;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How this process takes part in a cluster ({@code engine.cluster.*}): where it binds, whom it joins, the secret
 * that signs run commands, and the key and trust stores of the TLS between nodes.
 *
 * <p>The rules, checked by {@link #validate()} before any node starts: the secret is at least
 * {@value #MIN_SECRET_BYTES} bytes (UTF-8); a bind host other than loopback needs {@code tls} (Artery TLS-TCP with
 * mutual authentication), so that no node without the cluster's certificate can join or listen in. The secret and
 * the store passwords never appear in {@link #toString()}.
 *
 * @param seedNodes       {@code host:port} of the nodes to join; empty makes this node the first (it joins itself)
 * @param bindHost        the address to listen on (default {@code 127.0.0.1})
 * @param bindPort        the port to listen on; 0 picks a free one
 * @param advertiseHost   the address other nodes reach this one at, when it differs from {@code bindHost} (a
 *                        container's own address when binding {@code 0.0.0.0}); null for {@code bindHost}
 * @param secret          the HMAC-SHA256 key of run commands, shared by every node
 * @param tls             the node's key store and the trust store of the cluster's certificate; null for plain TCP,
 *                        which only a loopback bind allows
 * @param sampleGrace     how long the coordinator waits for a second's late samples before it merges without them
 * @param commandWindow   how far a command's timestamp may be from a worker's clock
 * @param discovery       how the node finds the others: the seed nodes ({@link Discovery#SEED_NODES}, the default), or
 *                        Pekko Management's cluster bootstrap with Kubernetes API or {@code config} discovery
 * @param heartbeatPause  how long a node's heartbeats may stop before the others' failure detector takes it for
 *                        unreachable (a worker is then lost); longer rides out GC pauses and CPU starvation, shorter
 *                        notices a dead node sooner
 */
public record ClusterSettings(List<String> seedNodes, String bindHost, int bindPort, String advertiseHost, String secret,
                              Tls tls, Duration sampleGrace, Duration commandWindow, Discovery discovery,
                              Duration heartbeatPause) {
    public static final int MIN_SECRET_BYTES = 32;
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 25520;
    public static final Duration DEFAULT_SAMPLE_GRACE = Duration.ofSeconds(2);
    public static final Duration DEFAULT_COMMAND_WINDOW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEARTBEAT_PAUSE = Duration.ofSeconds(3);

    public ClusterSettings {
        seedNodes = seedNodes == null ? List.of() : List.copyOf(seedNodes);
        bindHost = bindHost == null || bindHost.isBlank() ? DEFAULT_BIND_HOST : bindHost;
        sampleGrace = sampleGrace == null ? DEFAULT_SAMPLE_GRACE : sampleGrace;
        commandWindow = commandWindow == null ? DEFAULT_COMMAND_WINDOW : commandWindow;
        discovery = discovery == null ? Discovery.SEED_NODES : discovery;
        heartbeatPause = heartbeatPause == null ? DEFAULT_HEARTBEAT_PAUSE : heartbeatPause;
    }

    /** Settings with the default heartbeat pause. */
    public ClusterSettings(List<String> seedNodes, String bindHost, int bindPort, String advertiseHost, String secret,
                           Tls tls, Duration sampleGrace, Duration commandWindow, Discovery discovery) {
        this(seedNodes, bindHost, bindPort, advertiseHost, secret, tls, sampleGrace, commandWindow, discovery, null);
    }

    /** Settings that find the cluster through seed nodes. */
    public ClusterSettings(List<String> seedNodes, String bindHost, int bindPort, String advertiseHost, String secret,
                           Tls tls, Duration sampleGrace, Duration commandWindow) {
        this(seedNodes, bindHost, bindPort, advertiseHost, secret, tls, sampleGrace, commandWindow, Discovery.SEED_NODES);
    }

    /** Loopback, plain TCP, the default windows: for a node and workers on one machine. */
    public static ClusterSettings loopback(int bindPort, List<String> seedNodes, String secret) {
        return new ClusterSettings(seedNodes, DEFAULT_BIND_HOST, bindPort, null, secret, null, null, null);
    }

    /** The same settings with other seed nodes. */
    public ClusterSettings withSeedNodes(List<String> seeds) {
        return new ClusterSettings(seeds, bindHost, bindPort, advertiseHost, secret, tls, sampleGrace, commandWindow,
                discovery, heartbeatPause);
    }

    /** The same settings with TLS between nodes. */
    public ClusterSettings withTls(Tls stores) {
        return new ClusterSettings(seedNodes, bindHost, bindPort, advertiseHost, secret, stores, sampleGrace,
                commandWindow, discovery, heartbeatPause);
    }

    /** The same settings, finding the cluster as {@code d} says. */
    public ClusterSettings withDiscovery(Discovery d) {
        return new ClusterSettings(seedNodes, bindHost, bindPort, advertiseHost, secret, tls, sampleGrace, commandWindow,
                d, heartbeatPause);
    }

    /** The same settings with another heartbeat pause. */
    public ClusterSettings withHeartbeatPause(Duration pause) {
        return new ClusterSettings(seedNodes, bindHost, bindPort, advertiseHost, secret, tls, sampleGrace, commandWindow,
                discovery, pause);
    }

    /** Whether the node finds the cluster through Pekko Management's cluster bootstrap rather than seed nodes. */
    public boolean bootstraps() {
        return !discovery.method().equals(Discovery.SEED_NODES_METHOD);
    }

    /** The address other nodes reach this one at. */
    public String canonicalHost() {
        return advertiseHost == null || advertiseHost.isBlank() ? bindHost : advertiseHost;
    }

    /**
     * Refuses settings no node may start with, naming the setting and what to do.
     *
     * @throws ClusterSettingsException for a missing or short secret, a bad seed node or port, or a non-loopback
     *                                  bind without TLS
     */
    public ClusterSettings validate() {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new ClusterSettingsException("engine.cluster.secret is required and must be at least " + MIN_SECRET_BYTES
                    + " bytes: every node signs and checks run commands with it (set MAID__ENGINE__CLUSTER__SECRET, e.g. to"
                    + " the output of 'openssl rand -base64 48')");
        }
        if (bindPort < 0 || bindPort > 65535) {
            throw new ClusterSettingsException("engine.cluster.bind_port must be 0..65535, was " + bindPort);
        }
        for (String seed : seedNodes) {
            HostPort.parse(seed, "engine.cluster.seed_nodes");
        }
        if (tls == null && !isLoopback(bindHost)) {
            throw new ClusterSettingsException("engine.cluster.bind_host is " + bindHost + ", which is not loopback: nodes"
                    + " that listen beyond this machine must use mutual TLS. Set engine.cluster.tls.key_store and"
                    + " engine.cluster.tls.trust_store (PKCS12; every node's certificate signed by the cluster's CA), or bind"
                    + " 127.0.0.1");
        }
        if (tls != null) {
            tls.validate();
        }
        discovery.validate();
        if (bootstraps() && !seedNodes.isEmpty()) {
            throw new ClusterSettingsException("engine.cluster.seed_nodes " + seedNodes + " and engine.cluster.discovery.method "
                    + discovery.method() + " exclude each other: the cluster bootstrap finds the nodes itself (drop the"
                    + " seed nodes, or --cluster), or set discovery.method to seed-nodes");
        }
        if (sampleGrace.isNegative() || sampleGrace.isZero() || sampleGrace.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new ClusterSettingsException("engine.cluster.sample_grace_seconds must be above 0 and at most 60, was "
                    + sampleGrace.toMillis() / 1000.0);
        }
        if (commandWindow.compareTo(Duration.ofSeconds(1)) < 0 || commandWindow.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ClusterSettingsException("engine.cluster.command_window_seconds must be 1..600, was "
                    + commandWindow.toSeconds());
        }
        if (heartbeatPause.compareTo(Duration.ofSeconds(1)) < 0 || heartbeatPause.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new ClusterSettingsException("engine.cluster.heartbeat_pause_seconds must be 1..60, was "
                    + heartbeatPause.toMillis() / 1000.0);
        }
        return this;
    }

    /** Whether {@code host} names only this machine (127.0.0.0/8, ::1, localhost). */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name could resolve anywhere; only literal loopback addresses count
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ClusterSettings[seedNodes=" + seedNodes + ", bind=" + bindHost + ":" + bindPort + ", advertise="
                + canonicalHost() + ", secret=" + (secret == null ? "missing" : "configured") + ", tls="
                + (tls == null ? "off" : "mutual") + ", sampleGrace=" + sampleGrace + ", commandWindow=" + commandWindow
                + ", discovery=" + discovery + ", heartbeatPause=" + heartbeatPause + "]";
    }

    /**
     * Artery TLS-TCP stores, PKCS12: this node's key and certificate, and the certificates (or CA) it trusts.
     * Mutual authentication is always on.
     */
    public record Tls(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {
        void validate() {
            if (keyStore == null || keyStore.isBlank() || trustStore == null || trustStore.isBlank()) {
                throw new ClusterSettingsException("engine.cluster.tls needs both key_store and trust_store (PKCS12 files)");
            }
            for (String store : List.of(keyStore, trustStore)) {
                if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(store))) {
                    throw new ClusterSettingsException("engine.cluster.tls: cannot read " + store);
                }
            }
            Objects.requireNonNull(keyStorePassword, "key_store_password");
        }

        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
        }
    }
}
