package io.maid.goose.engine;

/** Every test of {@link MetricsTest}, with the users run as state machines on an event loop. */
class MetricsOnLoopsTest extends MetricsTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
