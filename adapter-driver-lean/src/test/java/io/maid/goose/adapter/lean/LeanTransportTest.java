package io.maid.goose.adapter.lean;

import io.maid.goose.port.out.LoadTransport;
import io.maid.goose.testkit.TransportContract;

class LeanTransportTest extends TransportContract {
    @Override
    protected LoadTransport newTransport() {
        return new LeanTransport();
    }
}
