package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.testkit.TransportContract;

/** The whole transport contract over HTTPS with the JDK's TLS on the loops ({@code engine.tls_provider: jdk}). */
class LeanLoopTransportJdkTlsTest extends TransportContract {
    @Override
    protected LoadTransport newTransport() {
        return new LeanLoopTransport(2, LoopTlsProvider.JDK);
    }

    @Override
    protected boolean overTls() {
        return true;
    }
}
