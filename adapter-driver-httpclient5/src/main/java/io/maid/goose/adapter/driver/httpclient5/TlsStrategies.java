package io.maid.goose.adapter.driver.httpclient5;

import io.maid.goose.domain.TlsSpec;
import io.maid.goose.support.http.TlsContexts;
import io.maid.goose.support.http.TlsSetupException;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;

import java.nio.file.Path;



/** Turns {@link TlsSpec} into HttpClient's TLS socket strategy. */
final class TlsStrategies {
    private TlsStrategies() {
    }

    /** @throws TlsSetupException when the CA bundle cannot be used; the message says why */
    static TlsSocketStrategy forSpec(TlsSpec tls) {
        if (!tls.verify()) {
            return ClientTlsStrategyBuilder.create()
                    .setSslContext(TlsContexts.trustingEverything())
                    // CLIENT only: the JDK's own endpoint identification would still reject a mismatched name.
                    .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                    .buildClassic();
        }
        if (tls.caBundle() != null) {
            return ClientTlsStrategyBuilder.create().setSslContext(TlsContexts.trusting(Path.of(tls.caBundle()))).buildClassic();
        }
        return ClientTlsStrategyBuilder.create().buildClassic();
    }
}
