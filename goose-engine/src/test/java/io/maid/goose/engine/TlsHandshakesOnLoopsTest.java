package io.maid.goose.engine;

/** Every test of {@link TlsHandshakesTest}, with the users run as state machines on an event loop. */
class TlsHandshakesOnLoopsTest extends TlsHandshakesTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
