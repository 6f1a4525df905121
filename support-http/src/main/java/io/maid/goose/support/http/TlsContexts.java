package io.maid.goose.support.http;

import io.maid.goose.domain.TlsSpec;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * The client TLS context a run's {@link TlsSpec} asks for, the same for every transport:
 * <ul>
 *   <li>{@code verify=false}: trusts any certificate ({@link #trustingEverything()}); the transport must also
 *       skip its host name check;</li>
 *   <li>{@code ca_bundle}: trusts exactly the certificates in that PEM file ({@link #trusting(Path)});</li>
 *   <li>otherwise the JDK's default context and trust store.</li>
 * </ul>
 * Contexts are made fresh on each call; callers cache them per spec.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * @throws TlsSetupException when the bundle cannot be read or used, or the JVM has no TLS
     */
    public static SSLContext forSpec(TlsSpec tls) {
        if (!tls.verify()) {
            return trustingEverything();
        }
        if (tls.caBundle() != null) {
            return trusting(Path.of(tls.caBundle()));
        }
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * The trust managers behind {@link #forSpec}, for a TLS implementation that takes trust managers rather than
     * a JDK context (the same three cases, the same errors).
     *
     * @throws TlsSetupException when the bundle cannot be read or used, or the JVM has no trust store
     */
    public static TrustManager[] trustManagersFor(TlsSpec tls) {
        if (!tls.verify()) {
            return new TrustManager[] {new TrustEverything()};
        }
        if (tls.caBundle() != null) {
            return bundleTrust(Path.of(tls.caBundle()));
        }
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init((KeyStore) null);
            return trust.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("the JVM's trust store is not available: " + e.getMessage(), e);
        }
    }

    /** A context that accepts every server certificate (for {@code tls.verify=false}). */
    public static SSLContext trustingEverything() {
        return context(new TrustManager[] {new TrustEverything()});
    }

    /**
     * A context that trusts exactly the certificates in a PEM bundle.
     *
     * @throws TlsSetupException naming the file when it cannot be read, holds no certificate or cannot be used
     */
    public static SSLContext trusting(Path caBundle) {
        return context(bundleTrust(caBundle));
    }

    private static TrustManager[] bundleTrust(Path caBundle) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caBundle)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new TlsSetupException("tls.ca_bundle '" + caBundle + "' could not be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("tls.ca_bundle '" + caBundle + "' is not a PEM certificate bundle: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new TlsSetupException("tls.ca_bundle '" + caBundle + "' holds no certificates", null);
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException("tls.ca_bundle '" + caBundle + "' could not be used as a trust store: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(TrustManager[] trustManagers) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * Accepts every server certificate. An {@link X509ExtendedTrustManager}, so the JDK does not wrap it with
     * its own host name check.
     */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
