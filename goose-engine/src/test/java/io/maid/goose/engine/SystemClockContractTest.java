package io.maid.goose.engine;

import io.maid.goose.ports.out.Clock;
import io.maid.goose.testkit.ClockContract;

import java.time.Duration;

class SystemClockContractTest extends ClockContract {
    @Override
    protected Clock newClock() {
        return new SystemClock();
    }

    @Override
    protected void letTimePass(Clock clock, Duration amount) {
        // Real time passes on its own; the sleeper under test does the waiting.
    }
}
