package io.maid.goose.engine;

/** Every test of {@link WorkloadTest}, with the users run as state machines on an event loop. */
class WorkloadOnLoopsTest extends WorkloadTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
