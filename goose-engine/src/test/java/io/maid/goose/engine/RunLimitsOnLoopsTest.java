package io.maid.goose.engine;

/** Every test of {@link RunLimitsTest}, with the users run as state machines on an event loop. */
class RunLimitsOnLoopsTest extends RunLimitsTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
