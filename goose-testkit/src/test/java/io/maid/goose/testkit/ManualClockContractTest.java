package io.maid.goose.testkit;

import io.maid.goose.ports.out.Clock;

import java.time.Duration;

class ManualClockContractTest extends ClockContract {
    @Override
    protected Clock newClock() {
        return new ManualClock();
    }

    @Override
    protected void letTimePass(Clock clock, Duration amount) {
        ((ManualClock) clock).advance(amount);
    }
}
