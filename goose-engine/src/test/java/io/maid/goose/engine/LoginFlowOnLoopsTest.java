package io.maid.goose.engine;

/** Every test of {@link LoginFlowTest}, with the users run as state machines on an event loop. */
class LoginFlowOnLoopsTest extends LoginFlowTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
