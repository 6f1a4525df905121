package io.maid.goose.engine;

/** Every test of {@link SegmentUsersTest}, with the users run as state machines on an event loop. */
class SegmentUsersOnLoopsTest extends SegmentUsersTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
