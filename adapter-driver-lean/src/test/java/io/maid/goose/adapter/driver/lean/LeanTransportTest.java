package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.testkit.TransportContract;

class LeanTransportTest extends TransportContract {
    @Override
    protected LoadTransport newTransport() {
        return new LeanTransport();
    }
}
