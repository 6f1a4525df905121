package io.maid.goose.app.settings;

import io.maid.goose.adapter.cluster.pekko.ClusterSettings;
import io.maid.goose.app.cluster.ClusterWiring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSettingsLoaderTest {
    private static final String SECRET = "a-cluster-secret-of-at-least-32-bytes-long";
    private final SettingsLoader loader = new SettingsLoader();

    @Test
    void byDefaultThisProcessIsNoClusterNodeAndWouldBindLoopback() {
        Settings.Cluster c = loader.load(List.of(), Map.of()).engine().cluster();

        assertFalse(c.enabled());
        assertEquals("127.0.0.1", c.bindHost());
        assertEquals(25520, c.bindPort());
        assertEquals(List.of(), c.seedNodes());
    }

    @Test
    void theEnvironmentSetsTheClusterKeys() {
        Settings.Cluster c = loader.load(List.of(), Map.of("MAID__ENGINE__CLUSTER__ENABLED", "true",
                "MAID__ENGINE__CLUSTER__SECRET", SECRET, "MAID__ENGINE__CLUSTER__SEED_NODES", "[\"10.0.0.5:25520\"]",
                "MAID__ENGINE__CLUSTER__BIND_PORT", "25600")).engine().cluster();

        assertTrue(c.enabled());
        assertEquals(SECRET, c.secret());
        assertEquals(List.of("10.0.0.5:25520"), c.seedNodes());
        assertEquals(25600, c.bindPort());
    }

    @Test
    void theSecretAndTheStorePasswordsAreNeverInTheSettingsText() {
        Settings s = loader.load(List.of(), Map.of("MAID__ENGINE__CLUSTER__SECRET", SECRET,
                "MAID__ENGINE__CLUSTER__TLS", "{\"key_store\": \"/k.p12\", \"key_store_password\": \"kpw-123456\","
                        + " \"trust_store\": \"/t.p12\", \"trust_store_password\": \"tpw-123456\"}"));

        assertFalse(s.toString().contains(SECRET));
        assertFalse(s.toString().contains("kpw-123456"));
        assertFalse(s.toString().contains("tpw-123456"));
    }

    @Test
    void anUnknownClusterKeyIsRefusedByName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "{\"engine\": {\"cluster\": {\"seeds\": []}}}");

        SettingsException e = assertThrows(SettingsException.class, () -> loader.load(List.of(f), Map.of()));
        assertTrue(e.getMessage().contains("unknown setting 'engine.cluster.seeds'"), e.getMessage());
    }

    @Test
    void theCommandLineOverridesTheSettingsSeedsBindAndPort() {
        Settings.Cluster c = loader.load(List.of(), Map.of("MAID__ENGINE__CLUSTER__SECRET", SECRET)).engine().cluster();

        ClusterSettings s = ClusterWiring.settings(c, List.of("127.0.0.1:25520"), "127.0.0.2", 0);

        assertEquals(List.of("127.0.0.1:25520"), s.seedNodes());
        assertEquals("127.0.0.2", s.bindHost());
        assertEquals(0, s.bindPort());
    }

    @Test
    void theEnvironmentChoosesKubernetesDiscoveryForTheBootstrap() {
        Settings.Cluster c = loader.load(List.of(), Map.of("MAID__ENGINE__CLUSTER__SECRET", SECRET,
                "MAID__ENGINE__CLUSTER__DISCOVERY__METHOD", "kubernetes",
                "MAID__ENGINE__CLUSTER__DISCOVERY__SERVICE_NAME", "load-cluster",
                "MAID__ENGINE__CLUSTER__DISCOVERY__LABEL_SELECTOR", "goose-cluster=%s",
                "MAID__ENGINE__CLUSTER__DISCOVERY__NAMESPACE", "perf",
                "MAID__ENGINE__CLUSTER__DISCOVERY__MANAGEMENT_PORT", "8558",
                "MAID__ENGINE__CLUSTER__DISCOVERY__REQUIRED_CONTACT_POINTS", "3")).engine().cluster();

        ClusterSettings s = ClusterWiring.settings(c, null, null, 0).validate();

        assertTrue(s.bootstraps());
        assertEquals(new io.maid.goose.adapter.cluster.pekko.Discovery("kubernetes", "load-cluster", "goose-cluster=%s",
                "perf", 8558, 3, List.of()), s.discovery());
    }

    @Test
    void theHeartbeatPauseIsThreeSecondsUnlessTheEnvironmentSetsIt() {
        Settings.Cluster byDefault = loader.load(List.of(), Map.of("MAID__ENGINE__CLUSTER__SECRET", SECRET)).engine().cluster();
        Settings.Cluster set = loader.load(List.of(), Map.of("MAID__ENGINE__CLUSTER__SECRET", SECRET,
                "MAID__ENGINE__CLUSTER__HEARTBEAT_PAUSE_SECONDS", "12.5")).engine().cluster();

        assertEquals(java.time.Duration.ofSeconds(3), ClusterWiring.settings(byDefault, null, null, 0).validate().heartbeatPause());
        assertEquals(java.time.Duration.ofMillis(12_500), ClusterWiring.settings(set, null, null, 0).validate().heartbeatPause());
    }

    @Test
    void withoutDiscoverySettingsANodeJoinsItsSeedNodes() {
        Settings.Cluster c = loader.load(List.of(), Map.of("MAID__ENGINE__CLUSTER__SECRET", SECRET)).engine().cluster();

        assertFalse(ClusterWiring.settings(c, List.of("127.0.0.1:25520"), null, 0).bootstraps());
    }

    @Test
    void anUnknownDiscoveryKeyIsRefusedByName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "{\"engine\": {\"cluster\": {\"discovery\": {\"mode\": \"kubernetes\"}}}}");

        SettingsException e = assertThrows(SettingsException.class, () -> loader.load(List.of(f), Map.of()));
        assertTrue(e.getMessage().contains("engine.cluster.discovery.mode"), e.getMessage());
    }
}
