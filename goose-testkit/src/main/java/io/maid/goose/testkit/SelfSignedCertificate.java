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
import java.util.Base64;
import java.util.UUID;

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
            CertificateAuthority.keytool("-genkeypair", "-alias", "target", "-keyalg", "EC", "-groupname", "secp256r1",
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
        CertificateAuthority.deleteFlat(dir);
    }
}
