package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.testkit.TransportContract;

/** The whole transport contract over HTTPS. */
class LeanLoopTransportHttpsTest extends TransportContract {
    @Override
    protected LoadTransport newTransport() {
        return new LeanLoopTransport(2);
    }

    @Override
    protected boolean overTls() {
        return true;
    }
}
