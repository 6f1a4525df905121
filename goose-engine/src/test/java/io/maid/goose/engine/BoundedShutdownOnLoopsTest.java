package io.maid.goose.engine;

/** Every test of {@link BoundedShutdownTest}, with the users run as state machines on an event loop. */
class BoundedShutdownOnLoopsTest extends BoundedShutdownTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
