package io.maid.goose.adapter.driver.httpclient5;

import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.testkit.TransportContract;

class HttpClient5TransportTest extends TransportContract {
    @Override
    protected LoadTransport newTransport() {
        return new HttpClient5Transport(16);
    }

    @Override
    protected boolean sendsSniForSingleLabelHosts() {
        return false; // HttpClient leaves SNI to the JDK's SSLSocket, which sends it only for names with a dot
    }
}
