package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.StopSignal;

import java.time.Instant;

/** The system's clocks, for tests whose nodes talk over real sockets (app wires the engine's own). */
final class RealClock implements Clock {
    @Override
    public Instant wallTime() {
        return Instant.now();
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public boolean sleepUntil(long deadlineNanos, StopSignal wakeUp) {
        throw new UnsupportedOperationException("the cluster adapter never sleeps on its clock");
    }
}
