package io.maid.goose.testkit;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.SessionOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void aLoopSendPassesItsOptionsToTheDelegateAndHandsBackWhatItCaptured() throws Exception {
        ManualClock manual = new ManualClock();
        ScriptedTransport capturing = ScriptedTransport.always(manual,
                ScriptedTransport.respond(200).withHeader("Set-Cookie", "SID=abc; Path=/").withBody("hello"));
        SendOptions options = new SendOptions(false, true, 3);
        CompletableFuture<RequestOutcome> done = new CompletableFuture<>();
        try (ThreadedLoopTransport transport = new ThreadedLoopTransport(capturing, manual, 1)) {
            EventLoop loop = transport.eventLoops().get(0);
            loop.execute(() -> loop.openSession(new SessionOptions(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1),
                    TlsSpec.defaults(), 0)).send(RequestSpec.of(HttpMethod.GET, "/"), options, done::complete));
            RequestOutcome outcome = done.get(5, TimeUnit.SECONDS);
            assertEquals(List.of(new NameValue("Set-Cookie", "SID=abc; Path=/")), outcome.response().headers());
            assertEquals("hel", new String(outcome.response().body(), StandardCharsets.UTF_8));
            assertEquals(options, capturing.sent().get(0).options());
        }
    }
}
