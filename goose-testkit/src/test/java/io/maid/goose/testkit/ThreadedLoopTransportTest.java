package io.maid.goose.testkit;

import io.maid.goose.ports.out.EventLoopTransport;

import java.time.Duration;

/** The event-loop fake honours the same loop contract as the real transports, on a manual clock. */
class ThreadedLoopTransportTest extends EventLoopTransportContract {
    private ManualClock clock;
    private ScriptedTransport scripted;

    @Override
    protected EventLoopTransport newTransport() {
        clock = new ManualClock();
        scripted = new ScriptedTransport(clock, call -> call.request().path().equals("/hang")
                ? ScriptedTransport.hang()
                : ScriptedTransport.respond(200));
        return new ThreadedLoopTransport(scripted, clock, 2);
    }

    @Override
    protected long loopNanos() {
        return clock.monotonicNanos();
    }

    @Override
    protected void advanceLoopTime(Duration amount) {
        clock.advance(amount);
    }

    @Override
    protected long requestsReceived() {
        return scripted.sent().stream().filter(s -> s.request().path().equals("/ok")).count();
    }
}
