package io.maid.goose.engine;

import org.junit.jupiter.api.AfterEach;

/**
 * What the flow tests share: the user kind they run (threads here; each {@code *OnLoopsTest} subclass runs
 * every test on an event loop) and the harness of the test, which leaves no run behind.
 */
abstract class FlowTestBase {
    EngineHarness h;

    /** How the engine runs users in these tests. */
    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    @AfterEach
    void stopAnyRun() {
        if (h != null) {
            h.close();
        }
    }
}
