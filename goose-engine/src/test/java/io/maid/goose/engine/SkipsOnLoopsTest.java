package io.maid.goose.engine;

/** Every test of {@link SkipsTest}, with the users run as state machines on an event loop. */
class SkipsOnLoopsTest extends SkipsTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
