package io.maid.goose.adapter.cluster.pekko;

import com.typesafe.config.Config;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code engine.cluster.discovery}: its defaults, its rules, and the Pekko configuration it makes. */
class DiscoverySettingsTest {
    private static final ClusterSettings LOOPBACK = ClusterSettings.loopback(0, List.of(), CommandVerifierTest.SECRET);

    private static Discovery kubernetes(String selector, String namespace) {
        return new Discovery("kubernetes", "goose", selector, namespace, 0, 0, null);
    }

    @Test
    void seedNodesAreTheDefaultAndStartNoManagement() {
        assertFalse(LOOPBACK.bootstraps());
        Config c = PekkoConfig.of(LOOPBACK, PekkoConfig.WORKER_ROLE, List.of("127.0.0.1:25520"));

        assertEquals(List.of("pekko://goose@127.0.0.1:25520"), c.getStringList("pekko.cluster.seed-nodes"));
    }

    @Test
    void kubernetesDiscoveryLooksPodsUpByLabelAndBindsManagementToTheBindHost() {
        ClusterSettings s = new ClusterSettings(List.of(), "127.0.0.1", 25520, "10.1.2.3", CommandVerifierTest.SECRET,
                null, null, null, kubernetes(null, "load"));
        Config c = PekkoConfig.of(s.validate(), PekkoConfig.WORKER_ROLE, List.of());

        assertEquals(List.of(), c.getStringList("pekko.cluster.seed-nodes"), "the bootstrap finds the nodes");
        assertEquals("kubernetes-api", c.getString("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
        assertEquals("goose", c.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name"));
        assertEquals("app.kubernetes.io/part-of=%s", c.getString("pekko.discovery.kubernetes-api.pod-label-selector"));
        assertEquals("load", c.getString("pekko.discovery.kubernetes-api.pod-namespace"));
        assertEquals("127.0.0.1", c.getString("pekko.management.http.bind-hostname"));
        assertEquals("10.1.2.3", c.getString("pekko.management.http.hostname"), "advertised as the node is");
        assertEquals(7626, c.getInt("pekko.management.http.port"));
        assertEquals(MemberUpCheck.class.getName(),
                c.getString("pekko.management.health-checks.readiness-checks.goose-member-up"));
    }

    @Test
    void configDiscoveryListsItsEndpointsUnderTheService() {
        ClusterSettings s = LOOPBACK.withDiscovery(Discovery.config(7001, 3, List.of("127.0.0.1:7001", "127.0.0.1:7002")));
        Config c = PekkoConfig.of(s.validate(), PekkoConfig.COORDINATOR_ROLE, List.of());

        assertEquals(2, c.getConfigList("pekko.discovery.config.services.goose.endpoints").size());
        assertEquals(7002, c.getConfigList("pekko.discovery.config.services.goose.endpoints").get(1).getInt("port"));
        assertEquals(3, c.getInt("pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr"));
    }

    @Test
    void anUnknownMethodIsRefusedNamingTheSetting() {
        ClusterSettingsException e = assertThrows(ClusterSettingsException.class, () -> LOOPBACK
                .withDiscovery(new Discovery("dns", null, null, null, 0, 0, null)).validate());
        assertTrue(e.getMessage().startsWith("engine.cluster.discovery.method must be"), e.getMessage());
    }

    @Test
    void seedNodesAndABootstrapExcludeEachOther() {
        ClusterSettingsException e = assertThrows(ClusterSettingsException.class, () -> LOOPBACK
                .withSeedNodes(List.of("127.0.0.1:25520")).withDiscovery(kubernetes(null, null)).validate());
        assertTrue(e.getMessage().contains("exclude each other"), e.getMessage());
    }

    @Test
    void configDiscoveryNeedsEndpoints() {
        ClusterSettingsException e = assertThrows(ClusterSettingsException.class,
                () -> LOOPBACK.withDiscovery(Discovery.config(7001, 1, List.of())).validate());
        assertTrue(e.getMessage().startsWith("engine.cluster.discovery.endpoints"), e.getMessage());
    }

    @Test
    void aManagementPortOutOfRangeIsRefused() {
        assertThrows(ClusterSettingsException.class,
                () -> LOOPBACK.withDiscovery(Discovery.config(70000, 1, List.of("127.0.0.1:7001"))).validate());
    }

    @Test
    void aNonLoopbackBindStillNeedsMutualTlsWithABootstrap() {
        ClusterSettings s = new ClusterSettings(List.of(), "0.0.0.0", 25520, null, CommandVerifierTest.SECRET, null, null,
                null, kubernetes(null, null));

        ClusterSettingsException e = assertThrows(ClusterSettingsException.class, s::validate);
        assertTrue(e.getMessage().contains("must use mutual TLS"), e.getMessage());
    }
}
