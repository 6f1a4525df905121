package io.maid.goose.adapter.lean;

import io.maid.goose.domain.TlsSpec;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
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
 * How TLS connections are made for one {@link TlsSpec}: {@code verify=false} trusts any certificate and skips
 * the host name check; {@code ca_bundle} trusts exactly the certificates in that PEM file, with host name
 * checks; otherwise the JDK's trust store with host name checks ({@code HTTPS} endpoint identification).
 *
 * <p>A spec that cannot be set up (an unreadable or empty bundle) yields a setup holding only the reason,
 * so that the session can fail each request with it instead of failing the run.
 *
 * @param factory    makes TLS sockets over connected plain sockets; null when {@code error} is set
 * @param verifyHost whether the server's certificate must name the host
 * @param error      why TLS could not be set up, or null
 */
record TlsSetup(SSLSocketFactory factory, boolean verifyHost, String error) {

    static TlsSetup of(TlsSpec tls) {
        try {
            if (!tls.verify()) {
                return new TlsSetup(context(new TrustManager[] {new TrustEverything()}).getSocketFactory(), false, null);
            }
            if (tls.caBundle() != null) {
                return new TlsSetup(trusting(Path.of(tls.caBundle())).getSocketFactory(), true, null);
            }
            return new TlsSetup(SSLContext.getDefault().getSocketFactory(), true, null);
        } catch (SetupFailure e) {
            return new TlsSetup(null, false, e.getMessage());
        } catch (GeneralSecurityException e) {
            return new TlsSetup(null, false, "TLS is not available in this JVM: " + e.getMessage());
        }
    }

    /** Layers TLS over a connected socket; the handshake happens on {@link SSLSocket#startHandshake()}. */
    SSLSocket layer(Socket connected, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) factory.createSocket(connected, host, port, true);
        if (verifyHost) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        }
        return socket;
    }

    private static SSLContext trusting(Path caBundle) throws SetupFailure {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caBundle)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new SetupFailure("tls.ca_bundle '" + caBundle + "' could not be read: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new SetupFailure("tls.ca_bundle '" + caBundle + "' is not a PEM certificate bundle: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new SetupFailure("tls.ca_bundle '" + caBundle + "' holds no certificates");
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
            return context(trust.getTrustManagers());
        } catch (IOException | GeneralSecurityException e) {
            throw new SetupFailure("tls.ca_bundle '" + caBundle + "' could not be used as a trust store: " + e.getMessage());
        }
    }

    private static SSLContext context(TrustManager[] trustManagers) throws SetupFailure {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new SetupFailure("TLS is not available in this JVM: " + e.getMessage());
        }
    }

    private static final class SetupFailure extends Exception {
        SetupFailure(String message) {
            super(message, null, false, false);
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
