package io.maid.goose.app.settings;

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

/** {@code server.metrics}: public or not, and the per-run cap on transaction label pairs. */
class MetricsSettingsTest {
    private final SettingsLoader loader = new SettingsLoader();

    @Test
    void theMetricsNeedACredentialAndKeepAHundredTransactionsByDefault() {
        Settings.Metrics m = loader.load(List.of(), Map.of()).server().metrics();
        assertFalse(m.publicAccess());
        assertEquals(100, m.maxTransactions());
    }

    @Test
    void theEnvironmentMakesThemPublicAndSetsTheCap() {
        Settings.Metrics m = loader.load(List.of(), Map.of("MAID__SERVER__METRICS__PUBLIC", "true",
                "MAID__SERVER__METRICS__MAX_TRANSACTIONS", "250")).server().metrics();
        assertTrue(m.publicAccess());
        assertEquals(250, m.maxTransactions());
    }

    @Test
    void aFileSetsThemKeyByKey(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("c.json"), "{\"server\": {\"metrics\": {\"public\": true}}}");
        Settings.Metrics m = loader.load(List.of(f), Map.of()).server().metrics();
        assertTrue(m.publicAccess());
        assertEquals(100, m.maxTransactions(), "the cap keeps its default");
    }

    @Test
    void aCapOutOfRangeIsRefusedWithItsKey() {
        for (String bad : new String[] {"0", "-3", "10001"}) {
            SettingsException e = assertThrows(SettingsException.class,
                    () -> loader.load(List.of(), Map.of("MAID__SERVER__METRICS__MAX_TRANSACTIONS", bad)));
            assertTrue(e.getMessage().contains("server.metrics.max_transactions"), e.getMessage());
        }
    }

    @Test
    void anUnknownMetricsKeyIsRefusedWithTheKnownOnes() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> loader.load(List.of(), Map.of("MAID__SERVER__METRICS__PUBLICK", "true")));
        assertTrue(e.getMessage().contains("publick") && e.getMessage().contains("public"), e.getMessage());
    }

    @Test
    void publicMustBeABoolean() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> loader.load(List.of(), Map.of("MAID__SERVER__METRICS__PUBLIC", "yes")));
        assertTrue(e.getMessage().contains("public"), e.getMessage());
    }
}
