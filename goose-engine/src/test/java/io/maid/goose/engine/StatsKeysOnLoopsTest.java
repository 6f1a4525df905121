package io.maid.goose.engine;

/** Every test of {@link StatsKeysTest}, with the users run as state machines on an event loop. */
class StatsKeysOnLoopsTest extends StatsKeysTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
