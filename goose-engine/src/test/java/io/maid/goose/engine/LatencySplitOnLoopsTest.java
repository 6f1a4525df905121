package io.maid.goose.engine;

/** Every test of {@link LatencySplitTest}, with the users run as state machines on an event loop. */
class LatencySplitOnLoopsTest extends LatencySplitTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
