package io.maid.goose.adapter.cluster.pekko;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.maid.goose.adapter.cluster.pekko.protocol.ClusterMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pekko configuration of a node, from {@link ClusterSettings}: Artery over TCP, or TLS-TCP with mutual
 * authentication when stores are given; messages in Jackson CBOR (Java serialization stays off, as Pekko ships it);
 * the split-brain resolver (keep-majority) downs nodes that stay unreachable; nothing in the JVM exits with the node.
 */
final class PekkoConfig {
    /** The actor system's name, the same on every node (it is part of every node's address). */
    static final String SYSTEM = "goose";
    static final String COORDINATOR_ROLE = "coordinator";
    static final String WORKER_ROLE = "worker";

    private PekkoConfig() {
    }

    static Config of(ClusterSettings s, String role, List<String> seeds) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("pekko.actor.provider", "cluster");
        c.put("pekko.actor.allow-java-serialization", "off");
        c.put("pekko.loggers", List.of("org.apache.pekko.event.slf4j.Slf4jLogger"));
        c.put("pekko.logging-filter", "org.apache.pekko.event.slf4j.Slf4jLoggingFilter");
        c.put("pekko.loglevel", "WARNING");
        c.put("pekko.stdout-loglevel", "OFF");
        c.put("pekko.log-dead-letters", "off");
        c.put("pekko.log-dead-letters-during-shutdown", "off");
        // pekko-discovery, which Pekko Management's bootstrap needs, is available here only up to 1.2.1, not at this
        // Pekko's 1.7.0 (see the parent pom): its version differs from the other modules', which Pekko refuses by
        // default. Its API (ServiceDiscovery, Lookup, the config method) is unchanged in 1.x, so the check only warns.
        c.put("pekko.fail-mixed-versions", "off");
        c.put("pekko.coordinated-shutdown.exit-jvm", "off");
        c.put("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        c.put("pekko.remote.artery.canonical.hostname", s.canonicalHost());
        c.put("pekko.remote.artery.canonical.port", s.bindPort());
        c.put("pekko.remote.artery.bind.hostname", s.bindHost());
        c.put("pekko.remote.artery.bind.port", s.bindPort() == 0 ? "" : Integer.toString(s.bindPort()));
        if (s.tls() == null) {
            c.put("pekko.remote.artery.transport", "tcp");
        } else {
            String ssl = "pekko.remote.artery.ssl.config-ssl-engine.";
            c.put("pekko.remote.artery.transport", "tls-tcp");
            c.put(ssl + "key-store", s.tls().keyStore());
            c.put(ssl + "key-store-password", s.tls().keyStorePassword());
            c.put(ssl + "key-password", s.tls().keyStorePassword());
            c.put(ssl + "trust-store", s.tls().trustStore());
            c.put(ssl + "trust-store-password", s.tls().trustStorePassword() == null ? "" : s.tls().trustStorePassword());
            c.put(ssl + "protocol", "TLSv1.3");
            c.put(ssl + "enabled-algorithms", List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"));
            c.put(ssl + "require-mutual-authentication", "on");
            c.put(ssl + "hostname-verification", "off");
        }
        List<String> seedAddresses = new ArrayList<>();
        for (String seed : s.bootstraps() ? List.<String>of() : seeds) {
            seedAddresses.add("pekko://" + SYSTEM + "@" + HostPort.parse(seed, "seed node"));
        }
        c.put("pekko.cluster.seed-nodes", seedAddresses);
        c.put("pekko.cluster.roles", List.of(role));
        c.put("pekko.cluster.log-info", "off");
        c.put("pekko.cluster.jmx.enabled", "off");
        c.put("pekko.cluster.downing-provider-class", "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
        c.put("pekko.cluster.split-brain-resolver.active-strategy", "keep-majority");
        c.put("pekko.cluster.split-brain-resolver.stable-after", "5s");
        c.put("pekko.cluster.failure-detector.acceptable-heartbeat-pause", s.heartbeatPause().toMillis() + "ms");
        c.put("pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes", "60s");
        if (s.bootstraps()) {
            bootstrap(c, s);
        }
        // A class name holds dots, so it is a quoted key in HOCON, not a path.
        Config bindings = ConfigFactory.parseString("pekko.actor.serialization-bindings {\n  \""
                + ClusterMessage.class.getName() + "\" = jackson-cbor\n}");
        return ConfigFactory.parseMap(c).withFallback(bindings).withFallback(endpoints(s))
                .withFallback(ConfigFactory.load(PekkoConfig.class.getClassLoader()));
    }

    /**
     * Pekko Management on the node's own host (bound where Artery binds, advertised as its canonical host) and the
     * cluster bootstrap's lookup of contact points; the node then has no seed nodes.
     */
    private static void bootstrap(Map<String, Object> c, ClusterSettings s) {
        Discovery d = s.discovery();
        c.put("pekko.management.http.hostname", s.canonicalHost());
        c.put("pekko.management.http.port", d.managementPort());
        c.put("pekko.management.http.bind-hostname", s.bindHost());
        c.put("pekko.management.http.bind-port", d.managementPort());
        c.put("pekko.management.health-checks.readiness-checks.goose-member-up", MemberUpCheck.class.getName());
        String boot = "pekko.management.cluster.bootstrap.";
        c.put(boot + "contact-point-discovery.service-name", d.serviceName());
        c.put(boot + "contact-point-discovery.required-contact-point-nr", d.requiredContactPoints());
        c.put(boot + "contact-point.fallback-port", d.managementPort());
        if (d.method().equals(Discovery.KUBERNETES)) {
            c.put(boot + "contact-point-discovery.discovery-method", "kubernetes-api");
            c.put("pekko.discovery.kubernetes-api.pod-label-selector", d.labelSelector());
            if (d.namespace() != null) {
                c.put("pekko.discovery.kubernetes-api.pod-namespace", d.namespace());
            }
        } else {
            c.put(boot + "contact-point-discovery.discovery-method", "config");
            // every endpoint is probed at the port it names: they need not share the fallback port (one host, many nodes)
            c.put(boot + "contact-point.filter-on-fallback-port", "off");
        }
    }

    /** {@code config} discovery's endpoints, a list of objects, which a flat map cannot hold. */
    private static Config endpoints(ClusterSettings s) {
        if (!s.discovery().method().equals(Discovery.CONFIG)) {
            return ConfigFactory.empty();
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (String e : s.discovery().endpoints()) {
            HostPort hp = HostPort.parse(e, "engine.cluster.discovery.endpoints");
            String host = hp.host().startsWith("[") ? hp.host().substring(1, hp.host().length() - 1) : hp.host();
            list.add(Map.of("host", host, "port", hp.port()));
        }
        Map<String, Object> service = Map.of("endpoints", list);
        return ConfigFactory.parseMap(Map.of("pekko.discovery.config.services", Map.of(s.discovery().serviceName(), service)));
    }
}
