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
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for TLS tests, made by the JDK's own {@code keytool} in a temporary
 * directory at test time (no key is ever committed): its certificate as a PEM bundle clients can trust
 * ({@code tls.ca_bundle}), and server certificates it signs — valid, expired, or for another host — each as a
 * server {@link SSLContext} presenting the chain (leaf, CA). {@link #close()} deletes the directory.
 */
public final class CertificateAuthority implements AutoCloseable {
    private final Path dir;
    private final Path caStore;
    private final Path caBundle;
    private final String password = "goose-" + UUID.randomUUID();

    /** @throws IllegalStateException when keytool is missing or fails */
    public CertificateAuthority() {
        try {
            dir = Files.createTempDirectory("goose-ca-");
            caStore = dir.resolve("ca.p12");
            caBundle = dir.resolve("ca.pem");
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=goose test CA", "-ext", "bc:c", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", caStore.toString(), "-storepass", password);
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", password,
                    "-file", caBundle.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA's certificate as a PEM file. */
    public Path caBundle() {
        return caBundle;
    }

    /**
     * A server context presenting a certificate this CA signed.
     *
     * @param san       the subject alternative names, keytool's form ({@code ip:127.0.0.1,dns:localhost})
     * @param startDate when it starts to be valid, keytool's form ({@code -30d}), or null for now
     * @param days      how many days it is valid from then
     */
    public SSLContext issue(String san, String startDate, int days) {
        String name = "leaf-" + UUID.randomUUID();
        Path store = dir.resolve(name + ".p12");
        Path request = dir.resolve(name + ".csr");
        Path signed = dir.resolve(name + ".pem");
        try {
            keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=goose test server", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", password);
            keytool("-certreq", "-alias", "leaf", "-keystore", store.toString(), "-storepass", password,
                    "-file", request.toString());
            List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore",
                    caStore.toString(), "-storepass", password, "-infile", request.toString(),
                    "-outfile", signed.toString(), "-ext", "san=" + san, "-validity", String.valueOf(days)));
            if (startDate != null) {
                sign.addAll(List.of("-startdate", startDate));
            }
            keytool(sign.toArray(String[]::new));
            KeyStore leaf = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                leaf.load(in, password.toCharArray());
            }
            Key key = leaf.getKey("leaf", password.toCharArray());
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            Certificate leafCertificate;
            Certificate caCertificate;
            try (InputStream in = Files.newInputStream(signed); InputStream ca = Files.newInputStream(caBundle)) {
                leafCertificate = x509.generateCertificate(in);
                caCertificate = x509.generateCertificate(ca);
            }
            KeyStore served = KeyStore.getInstance("PKCS12");
            served.load(null, null);
            served.setKeyEntry("server", key, password.toCharArray(), new Certificate[] {leafCertificate, caCertificate});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(served, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a server certificate", e);
        }
    }

    @Override
    public void close() {
        deleteFlat(dir);
    }

    /** Deletes a directory of plain files; best effort (a temp dir left behind is harmless). */
    static void deleteFlat(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    static void keytool(String... args) throws IOException {
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
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
