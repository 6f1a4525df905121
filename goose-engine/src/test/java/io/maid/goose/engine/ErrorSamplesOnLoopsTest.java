package io.maid.goose.engine;

/** Every test of {@link ErrorSamplesTest}, with the users run as state machines on an event loop. */
class ErrorSamplesOnLoopsTest extends ErrorSamplesTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
