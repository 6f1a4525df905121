package io.maid.goose.adapter.driver;

import io.maid.goose.port.out.LoadTransport;
import io.maid.goose.testkit.TransportContract;

class HttpClient5TransportTest extends TransportContract {
    @Override
    protected LoadTransport newTransport() {
        return new HttpClient5Transport(16);
    }
}
