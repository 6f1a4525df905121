package io.maid.goose.engine;

/** Every test of {@link StagedPlanTest}, with the users run as state machines on an event loop. */
class StagedPlanOnLoopsTest extends StagedPlanTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }
}
