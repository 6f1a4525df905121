package io.maid.goose.engine;

/** Every test of {@link FeedersTest}, with the users run as state machines on an event loop. */
class FeedersOnLoopsTest extends FeedersTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
