package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.testkit.EventLoopTransportContract;

/** The event-loop contract over HTTPS: TLS on the loops themselves. */
class LeanLoopTransportLoopHttpsContractTest extends EventLoopTransportContract {
    @Override
    protected EventLoopTransport newTransport() {
        return new LeanLoopTransport(2);
    }

    @Override
    protected boolean overTls() {
        return true;
    }
}
