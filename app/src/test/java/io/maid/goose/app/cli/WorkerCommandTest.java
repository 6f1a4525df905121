package io.maid.goose.app.cli;

import io.maid.goose.app.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code goose worker} refuses before it starts a node. */
class WorkerCommandTest {
    @TempDir
    Path dir;

    private Path settings(String cluster) throws Exception {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"engine\": {\"cluster\": " + cluster + "}}");
        return f;
    }

    @Test
    void aWorkerWithoutTheSecretIsRefusedWithWhatToSet() throws Exception {
        CliCapture r = CliCapture.run("worker", "--cluster", "127.0.0.1:25520", "--config", settings("{}").toString());

        assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode());
        assertTrue(r.err().contains("engine.cluster.secret is required"), r.err());
        assertTrue(r.err().contains("MAID__ENGINE__CLUSTER__SECRET"), r.err());
    }

    @Test
    void aWorkerWithoutTheCoordinatorsAddressIsRefused() throws Exception {
        CliCapture r = CliCapture.run("worker", "--config",
                settings("{\"secret\": \"a-cluster-secret-of-at-least-32-bytes-long\"}").toString());

        assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode());
        assertTrue(r.err().contains("--cluster HOST:PORT"), r.err());
    }

    @Test
    void aWorkerBindingBeyondLoopbackWithoutTlsIsRefused() throws Exception {
        CliCapture r = CliCapture.run("worker", "--cluster", "10.1.2.3:25520", "--bind", "0.0.0.0", "--config",
                settings("{\"secret\": \"a-cluster-secret-of-at-least-32-bytes-long\"}").toString());

        assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode());
        assertTrue(r.err().contains("must use mutual TLS"), r.err());
    }

    @Test
    void aSeedThatIsNotHostColonPortIsRefused() throws Exception {
        CliCapture r = CliCapture.run("worker", "--cluster", "coordinator", "--config",
                settings("{\"secret\": \"a-cluster-secret-of-at-least-32-bytes-long\"}").toString());

        assertEquals(ExitCodes.INVALID_CONFIG, r.exitCode());
        assertTrue(r.err().contains("'coordinator' is not HOST:PORT"), r.err());
    }
}
