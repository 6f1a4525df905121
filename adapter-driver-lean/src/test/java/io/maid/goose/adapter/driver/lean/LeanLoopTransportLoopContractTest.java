package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.testkit.EventLoopTransportContract;

/** The event-loop contract: loops, timers and loop sessions, on real loops against a real target. */
class LeanLoopTransportLoopContractTest extends EventLoopTransportContract {
    @Override
    protected EventLoopTransport newTransport() {
        return new LeanLoopTransport(2);
    }
}
