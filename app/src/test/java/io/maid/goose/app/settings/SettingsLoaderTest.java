package io.maid.goose.app.settings;

import io.maid.goose.domain.TargetAllowList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsLoaderTest {
    private final SettingsLoader loader = new SettingsLoader();

    @Test
    void builtInDefaultsApplyWithNoFiles() {
        Settings s = loader.load(List.of(), Map.of());
        assertEquals(43121, s.server().port());
        assertEquals("127.0.0.1", s.server().host());
        assertEquals("reports", s.persistence().reportDir());
        assertTrue(s.security().requireAuthentication());
        assertFalse(s.security().allowedTargetsSet(), "no allow-list is set unless a file or the environment sets one");
        assertTrue(s.server().cors().allowedOrigins().isEmpty());
        assertNull(s.pluginBus().mistralEndpoint());
        assertEquals("default", s.pluginBus().model());
        assertEquals("lean", s.engine().transport());
        assertNull(s.engine().eventLoops());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), s.engine().eventLoopsOrDefault());
    }

    @Test
    void theEngineTransportAndItsEventLoopsComeFromTheEnvironment() {
        Settings s = loader.load(List.of(), Map.of("MAID__ENGINE__TRANSPORT", "lean-threads", "MAID__ENGINE__EVENT_LOOPS", "3"));
        assertEquals("lean-threads", s.engine().transport());
        assertEquals(3, s.engine().eventLoopsOrDefault());
    }

    @Test
    void theLoopsTlsProviderIsAutoUnlessTheEnvironmentSaysOtherwiseAndMustBeOneOfThree() {
        assertEquals("auto", loader.load(List.of(), Map.of()).engine().tlsProvider());
        assertEquals("jdk", loader.load(List.of(), Map.of("MAID__ENGINE__TLS_PROVIDER", "jdk")).engine().tlsProvider());

        SettingsException e = assertThrows(SettingsException.class,
                () -> loader.load(List.of(), Map.of("MAID__ENGINE__TLS_PROVIDER", "openssl")));
        assertTrue(e.getMessage().contains("engine.tls_provider must be one of auto, boringssl, jdk"), e.getMessage());
    }

    @Test
    void aTransportChoiceKeepsEveryOtherEngineSetting() {
        Settings.Engine engine = loader.load(List.of(), Map.of("MAID__ENGINE__TLS_PROVIDER", "jdk",
                "MAID__ENGINE__DATA_DIR", "/srv/feeds")).engine();

        Settings.Engine chosen = engine.withTransport("lean-threads", 4);

        assertEquals(new Settings.Engine("lean-threads", 4, "/srv/feeds", engine.cluster(), "jdk"), chosen);
    }

    @Test
    void feederFilesAreReadFromDataFeedsUnlessTheEnvironmentSaysOtherwise() {
        assertEquals("data/feeds", loader.load(List.of(), Map.of()).engine().dataDir());
        assertEquals("/srv/feeds", loader.load(List.of(), Map.of("MAID__ENGINE__DATA_DIR", "/srv/feeds")).engine().dataDir());
    }

    @Test
    void aBlankFeederFolderIsRefused(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("s.json"), "{\"engine\":{\"data_dir\":\" \"}}");

        SettingsException e = assertThrows(SettingsException.class, () -> loader.load(List.of(f), Map.of()));

        assertEquals("engine.data_dir must be the path of the folder feeder CSV files are read from", e.getMessage());
    }

    @Test
    void laterFilesOverrideEarlierOnesKeyByKey(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), "{\"server\":{\"port\":9000,\"host\":\"0.0.0.0\"}}");
        Path b = Files.writeString(dir.resolve("b.json"), "{\"server\":{\"port\":9001}}");
        Settings s = loader.load(List.of(a, b), Map.of());
        assertEquals(9001, s.server().port());
        assertEquals("0.0.0.0", s.server().host(), "keys not in the later file survive");
    }

    @Test
    void environmentVariablesOverrideFiles(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), "{\"server\":{\"port\":9000}}");
        Settings s = loader.load(List.of(a), Map.of(
                "MAID__SERVER__PORT", "9100",
                "MAID__SECURITY__ALLOWED_TARGETS", "[\"localhost\"]",
                "MAID__PLUGIN_BUS__MISTRAL_ENDPOINT", "http://127.0.0.1:1234",
                "MAID__SECURITY__REQUIRE_AUTHENTICATION", "false",
                "PATH", "/usr/bin"));
        assertEquals(9100, s.server().port());
        assertEquals(List.of("localhost"), s.security().allowedTargets());
        assertEquals("http://127.0.0.1:1234", s.pluginBus().mistralEndpoint());
        assertFalse(s.security().requireAuthentication());
    }

    @Test
    void anUnknownKeyIsAnErrorThatNamesTheKeyAndTheFile(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), "{\"server\":{\"prot\":9000}}");
        SettingsException e = assertThrows(SettingsException.class, () -> loader.load(List.of(a), Map.of()));
        assertTrue(e.getMessage().contains("server.prot"), e.getMessage());
        assertTrue(e.getMessage().contains(a.toString()), e.getMessage());
    }

    @Test
    void anUnknownEnvironmentKeyIsAnError() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> loader.load(List.of(), Map.of("MAID__SERVER__PROT", "1")));
        assertTrue(e.getMessage().contains("server.prot"), e.getMessage());
    }

    @Test
    void malformedJsonNamesTheFileAndPosition(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), "{\"server\":{\"port\":}}");
        SettingsException e = assertThrows(SettingsException.class, () -> loader.load(List.of(a), Map.of()));
        assertTrue(e.getMessage().contains(a.toString()) && e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void aWrongTypeNamesTheKey(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), "{\"server\":{\"port\":\"eighty\"}}");
        SettingsException e = assertThrows(SettingsException.class, () -> loader.load(List.of(a), Map.of()));
        assertTrue(e.getMessage().contains("server.port"), e.getMessage());
    }

    @Test
    void validationRejectsBadValuesWithClearMessages(@TempDir Path dir) throws Exception {
        Map<String, String> cases = Map.of(
                "{\"server\":{\"port\":70000}}", "server.port",
                "{\"server\":{\"cors\":{\"allowed_origins\":[\"https://x.example/path\"]}}}", "allowed_origins",
                "{\"security\":{\"jwt\":{\"issuer\":\"a\"}}}", "security.jwt",
                "{\"security\":{\"jwt\":{\"hs256_secret\":\"short\"}}}", "hs256_secret",
                "{\"security\":{\"api_keys\":[{\"subject\":\"ci\",\"sha256\":\"plaintext-key\",\"scopes\":[]}]}}", "sha256",
                "{\"persistence\":{\"max_history\":0}}", "max_history",
                "{\"engine\":{\"transport\":\"curl\"}}", "engine.transport",
                "{\"engine\":{\"event_loops\":0}}", "engine.event_loops",
                "{\"plugin_bus\":{\"mistral_endpoint\":\"ftp://x\"}}", "plugin_bus");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = Files.writeString(dir.resolve("c" + i++ + ".json"), c.getKey());
            SettingsException e = assertThrows(SettingsException.class, () -> loader.load(List.of(f), Map.of()), c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + " -> " + e.getMessage());
        }
    }

    @Test
    void anEmptyTargetAllowListIsRefusedWithWhatToWriteInstead(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("s.json"), "{\"security\":{\"allowed_targets\":[]}}");

        SettingsException e = assertThrows(SettingsException.class, () -> loader.load(List.of(f), Map.of()));

        assertTrue(e.getMessage().contains("security.allowed_targets") && e.getMessage().contains("[\"*\"]"), e.getMessage());
    }

    @Test
    void aMalformedTargetPatternIsRefusedAtItsIndex(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("s.json"),
                "{\"security\":{\"allowed_targets\":[\"localhost\", \"https://example.com\"]}}");

        SettingsException e = assertThrows(SettingsException.class, () -> loader.load(List.of(f), Map.of()));

        assertTrue(e.getMessage().contains("security.allowed_targets[1]"), e.getMessage());
    }

    @Test
    void theStarIsAnExplicitAllowListOfAnyHost() {
        Settings s = loader.load(List.of(), Map.of("MAID__SECURITY__ALLOWED_TARGETS", "[\"*\"]"));

        assertTrue(s.security().allowedTargetsSet());
        assertTrue(s.security().targetAllowList(TargetAllowList.loopback()).allowsAnyHost());
    }

    @Test
    void theShippedConfigJsonLoads() {
        Settings s = loader.load(List.of(Path.of("..", "config.json")), Map.of());
        assertEquals(43121, s.server().port());
        assertFalse(s.security().allowedTargetsSet(), "the shipped file leaves the built-in default in force");
        assertTrue(s.security().targetAllowList(TargetAllowList.loopback()).allowsHost("127.0.0.1"));
    }
}
