package io.maid.goose.adapter.driver;

import io.maid.goose.domain.TlsSpec;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;

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

/** Turns {@link TlsSpec} into HttpClient's TLS socket strategy. */
final class TlsStrategies {
    private TlsStrategies() {
    }

    static TlsSocketStrategy forSpec(TlsSpec tls) {
        if (!tls.verify()) {
            return ClientTlsStrategyBuilder.create()
                    .setSslContext(context(new TrustManager[] {new TrustEverything()}))
                    // CLIENT only: the JDK's own endpoint identification would still reject a mismatched name.
                    .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                    .buildClassic();
        }
        if (tls.caBundle() != null) {
            return ClientTlsStrategyBuilder.create().setSslContext(trusting(Path.of(tls.caBundle()))).buildClassic();
        }
        return ClientTlsStrategyBuilder.create().buildClassic();
    }

    private static SSLContext trusting(Path caBundle) {
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
            return context(trust.getTrustManagers());
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
     * Accepts every server certificate. An {@link X509ExtendedTrustManager} so the JDK does not wrap it with
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
