package io.maid.goose.adapter.driver.httpclient5;

/** The whole transport contract over HTTPS. */
class HttpClient5TransportHttpsTest extends HttpClient5TransportTest {
    @Override
    protected boolean overTls() {
        return true;
    }
}
