package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.FakeRunConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Artery TLS-TCP with mutual authentication: a node whose certificate the cluster does not trust cannot join, while
 * one with the cluster's certificate does (the positive control bounds the wait, so nothing sleeps).
 */
@Timeout(240)
class TlsJoinTest {
    private static final String PASSWORD = "store-password-for-tests";
    @TempDir
    Path dir;

    private ClusterSettings.Tls stores(String name, String trusted) throws Exception {
        Path key = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", key.toString(), "-storepass", PASSWORD);
        Path trustedKey = dir.resolve(trusted + ".p12");
        Path cert = dir.resolve(trusted + "-" + name + ".cer");
        keytool("-exportcert", "-alias", trusted, "-keystore", trustedKey.toString(), "-storepass", PASSWORD, "-file", cert.toString());
        Path trust = dir.resolve(name + "-trusts-" + trusted + ".p12");
        keytool("-importcert", "-noprompt", "-alias", trusted, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString(), "-storepass", PASSWORD);
        return new ClusterSettings.Tls(key.toString(), PASSWORD, trust.toString(), PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = new java.util.ArrayList<>(List.of(keytool));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + command);
        }
    }

    @Test
    void aNodeWithoutTheClustersCertificateCannotJoin() throws Exception {
        ClusterSettings.Tls cluster = stores("cluster", "cluster");
        ClusterSettings.Tls intruder = stores("intruder", "cluster");
        String secret = InProcessClusterTest.SECRET;
        try (ClusterLoadTestEngine coordinator = new ClusterLoadTestEngine(ClusterSettings.loopback(0, List.of(), secret)
                .withTls(cluster), new HdrSampleMath(), new FakeRunConfigCodec(), new RealClock())) {
            List<String> seed = List.of(coordinator.address());
            try (WorkerNode outsider = WorkerNode.start(ClusterSettings.loopback(0, seed, secret).withTls(intruder),
                    new HttpSegmentRunner(), new FakeRunConfigCodec(), new RealClock());
                 WorkerNode member = WorkerNode.start(ClusterSettings.loopback(0, seed, secret).withTls(cluster),
                         new HttpSegmentRunner(), new FakeRunConfigCodec(), new RealClock())) {
                Await.until(() -> coordinator.workers().contains(member.address()), Duration.ofSeconds(120),
                        () -> "the node with the cluster's certificate joins; workers " + coordinator.workers());

                assertEquals(List.of(member.address()), coordinator.workers());
                assertEquals(false, outsider.isUp());
            }
        }
    }
}
