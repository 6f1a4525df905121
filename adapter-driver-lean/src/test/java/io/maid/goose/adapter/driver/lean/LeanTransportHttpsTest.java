package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.testkit.TransportContract;

/** The whole transport contract over HTTPS. */
class LeanTransportHttpsTest extends TransportContract {
    @Override
    protected LoadTransport newTransport() {
        return new LeanTransport();
    }

    @Override
    protected boolean overTls() {
        return true;
    }
}
