package io.maid.goose.engine;

/** Every test of {@link ChecksTest}, with the users run as state machines on an event loop. */
class ChecksOnLoopsTest extends ChecksTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
