package io.maid.goose.adapter.cluster.pekko;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSettingsTest {
    private static final String SECRET = CommandVerifierTest.SECRET;

    @Test
    void theDefaultBindIsLoopback() {
        assertEquals("127.0.0.1", new ClusterSettings(null, null, 0, null, SECRET, null, null, null).bindHost());
    }

    @Test
    void theHeartbeatPauseReachesTheFailureDetectorAndIsBoundedTo1To60Seconds() {
        ClusterSettings s = ClusterSettings.loopback(0, List.of(), SECRET);
        assertEquals(Duration.ofSeconds(3), s.heartbeatPause());
        assertEquals(Duration.ofSeconds(3), PekkoConfig.of(s.validate(), PekkoConfig.WORKER_ROLE, List.of())
                .getDuration("pekko.cluster.failure-detector.acceptable-heartbeat-pause"));
        ClusterSettings longer = s.withHeartbeatPause(Duration.ofMillis(12_500)).validate();
        assertEquals(Duration.ofMillis(12_500), PekkoConfig.of(longer, PekkoConfig.WORKER_ROLE, List.of())
                .getDuration("pekko.cluster.failure-detector.acceptable-heartbeat-pause"));

        for (Duration bad : List.of(Duration.ofMillis(999), Duration.ofSeconds(61))) {
            ClusterSettingsException e = assertThrows(ClusterSettingsException.class,
                    () -> s.withHeartbeatPause(bad).validate());
            assertTrue(e.getMessage().startsWith("engine.cluster.heartbeat_pause_seconds must be 1..60"), e.getMessage());
        }
    }

    @Test
    void aMissingSecretIsRefused() {
        ClusterSettingsException e = assertThrows(ClusterSettingsException.class,
                () -> ClusterSettings.loopback(0, List.of(), null).validate());
        assertTrue(e.getMessage().startsWith("engine.cluster.secret is required"));
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        assertThrows(ClusterSettingsException.class, () -> ClusterSettings.loopback(0, List.of(), "x".repeat(31)).validate());
    }

    @Test
    void aNonLoopbackBindWithoutTlsIsRefusedWithWhatToDo() {
        ClusterSettings s = new ClusterSettings(List.of(), "0.0.0.0", 25520, null, SECRET, null, null, null);

        ClusterSettingsException e = assertThrows(ClusterSettingsException.class, s::validate);
        assertTrue(e.getMessage().contains("must use mutual TLS"), e.getMessage());
        assertTrue(e.getMessage().contains("engine.cluster.tls.key_store"), e.getMessage());
    }

    @Test
    void aHostNameOtherThanLocalhostCountsAsNonLoopback() {
        assertFalse(ClusterSettings.isLoopback("workers.example"));
        assertTrue(ClusterSettings.isLoopback("localhost"));
        assertTrue(ClusterSettings.isLoopback("127.0.0.2"));
        assertTrue(ClusterSettings.isLoopback("[::1]"));
    }

    @Test
    void theSecretIsNeverInTheTextOfTheSettings() {
        ClusterSettings s = ClusterSettings.loopback(0, List.of("127.0.0.1:25520"), SECRET)
                .withTls(new ClusterSettings.Tls("/k.p12", "key-pass-xyz", "/t.p12", "trust-pass-xyz"));

        assertFalse(s.toString().contains(SECRET));
        assertFalse(s.toString().contains("key-pass-xyz"));
        assertFalse(s.toString().contains("trust-pass-xyz"));
    }

    @Test
    void aSeedNodeThatIsNotHostColonPortIsRefused() {
        ClusterSettingsException e = assertThrows(ClusterSettingsException.class,
                () -> ClusterSettings.loopback(0, List.of("127.0.0.1"), SECRET).validate());
        assertEquals("engine.cluster.seed_nodes: '127.0.0.1' is not HOST:PORT", e.getMessage());
    }
}
