package io.maid.goose.engine;

/** Every test of {@link FlowControlTest}, with the users run as state machines on an event loop. */
class FlowControlOnLoopsTest extends FlowControlTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
