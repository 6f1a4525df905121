package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.testkit.TransportContract;

/** The transport contract through the blocking API, which runs every request on the event loops' code path. */
class LeanLoopTransportTest extends TransportContract {
    @Override
    protected LoadTransport newTransport() {
        return new LeanLoopTransport(2);
    }
}
