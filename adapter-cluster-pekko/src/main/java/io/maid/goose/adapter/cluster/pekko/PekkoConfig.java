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
        for (String seed : seeds) {
            seedAddresses.add("pekko://" + SYSTEM + "@" + HostPort.parse(seed, "seed node"));
        }
        c.put("pekko.cluster.seed-nodes", seedAddresses);
        c.put("pekko.cluster.roles", List.of(role));
        c.put("pekko.cluster.log-info", "off");
        c.put("pekko.cluster.jmx.enabled", "off");
        c.put("pekko.cluster.downing-provider-class", "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
        c.put("pekko.cluster.split-brain-resolver.active-strategy", "keep-majority");
        c.put("pekko.cluster.split-brain-resolver.stable-after", "5s");
        c.put("pekko.cluster.failure-detector.acceptable-heartbeat-pause", "3s");
        c.put("pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes", "60s");
        // A class name holds dots, so it is a quoted key in HOCON, not a path.
        Config bindings = ConfigFactory.parseString("pekko.actor.serialization-bindings {\n  \""
                + ClusterMessage.class.getName() + "\" = jackson-cbor\n}");
        return ConfigFactory.parseMap(c).withFallback(bindings)
                .withFallback(ConfigFactory.load(PekkoConfig.class.getClassLoader()));
    }
}
