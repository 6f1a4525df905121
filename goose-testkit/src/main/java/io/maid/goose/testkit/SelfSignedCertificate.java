package io.maid.goose.testkit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A fresh self-signed certificate for {@code localhost} / {@code 127.0.0.1} (EC P-256, valid two days), made
 * by the JDK's own {@code keytool} in a temporary directory, for HTTPS targets in tests: a server
 * {@link SSLContext} and the certificate as a PEM bundle that clients can trust ({@code tls.ca_bundle}).
 * {@link #close()} deletes the directory.
 */
public final class SelfSignedCertificate implements AutoCloseable {
    private final Path dir;
    private final Path caBundle;
    private final SSLContext serverContext;

    /**
     * @throws IllegalStateException when keytool is missing or fails, or the key store cannot be read
     */
    public SelfSignedCertificate() {
        try {
            dir = Files.createTempDirectory("goose-tls-");
            Path keystore = dir.resolve("target.p12");
            caBundle = dir.resolve("target.pem");
            String password = "goose-" + UUID.randomUUID();
            keytool("-genkeypair", "-alias", "target", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password.toCharArray());
            }
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(store.getCertificate("target").getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Files.writeString(caBundle, pem, StandardCharsets.US_ASCII);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            serverContext = SSLContext.getInstance("TLS");
            serverContext.init(keys.getKeyManagers(), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a self-signed certificate", e);
        }
    }

    /** A TLS context that serves this certificate. */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** The certificate as a PEM file. */
    public Path caBundle() {
        return caBundle;
    }

    @Override
    public void close() {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private static void keytool(String... args) throws IOException {
        Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(tool)) {
            throw new IllegalStateException("TLS tests need the JDK's keytool at " + tool);
        }
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.add("-J-XX:TieredStopAtLevel=1"); // a one-shot tool: start fast rather than run fast
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
