package io.maid.goose.engine;

/** Every test of {@link IntervalSamplesTest}, with the users run as state machines on an event loop. */
class IntervalSamplesOnLoopsTest extends IntervalSamplesTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
