package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.RefusingPort;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a loop session reports a request's end: failures, abandonment on close or interrupt, a throwing done callback. */
class LeanLoopSessionOutcomeTest extends LeanLoopSessionFixture {
    @Test
    void aFailureFoundInsideSendIsReportedAfterSendReturned() throws Exception {
        try (RefusingPort closed = new RefusingPort()) {
            LoopSession user = driver.open(closed.http(), Duration.ofSeconds(5));
            AtomicBoolean returned = new AtomicBoolean();
            AtomicBoolean doneSawReturned = new AtomicBoolean();
            CompletableFuture<RequestOutcome> outcome = new CompletableFuture<>();

            loop.execute(() -> {
                user.send(GET, o -> {
                    doneSawReturned.set(returned.get());
                    outcome.complete(o);
                });
                returned.set(true);
            });

            assertEquals(ErrorKind.CONNECT_REFUSED, LoopDriver.get(outcome).error());
            assertTrue(doneSawReturned.get(), "done ran after send returned");
        }
    }

    @Test
    void closingWhileInFlightAbandonsOnceEvenWhenTheAnswerArrivesAfterwards() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        CountingTarget target = target(out -> {
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(OK.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            answered.incrementAndGet();
        }, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        LoopDriver.Watched sent = driver.sendWatched(user, GET);
        Await.until(() -> target.requests.get() == 1, WAIT, "the request to reach the target");

        user.close();
        answer.countDown();

        Await.until(() -> sent.outcome().get() != null, WAIT, "the abandoned request to end");
        Await.until(() -> answered.get() == 1, WAIT, "the target to answer anyway");
        awaitQuiet();
        assertEquals(ErrorKind.ABANDONED, sent.outcome().get().error());
        assertEquals(1, sent.calls().get(), "done ran exactly once");
        assertEquals(ErrorKind.ABANDONED, driver.send(user, GET).error(), "a later send is abandoned too");
    }

    @Test
    void aDoneCallbackThatThrowsStopsNeitherTheLoopNorTheSession() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        CountDownLatch threw = new CountDownLatch(1);

        loop.execute(() -> user.send(GET, o -> {
            threw.countDown();
            throw new IllegalStateException("deliberate failure in a done callback");
        }));
        assertTrue(threw.await(10, TimeUnit.SECONDS));

        assertAnswered(driver.send(user, GET));
        assertEquals(1, target.clientPorts.size(), "the connection survived the callback's failure");
    }

    @Test
    void interruptingABlockingSendAbandonsItAndKeepsTheInterrupt() throws Exception {
        CountingTarget target = target(out -> CountingTarget.pause(Duration.ofSeconds(5)), Integer.MAX_VALUE);
        TransportSession user = transport.openSession(new SessionOptions(target.base(), Duration.ofSeconds(10), TlsSpec.defaults(), 0));
        CompletableFuture<RequestOutcome> outcome = new CompletableFuture<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();

        Thread sender = Thread.ofVirtual().start(() -> {
            outcome.complete(user.send(GET));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        Await.until(() -> target.requests.get() == 1, WAIT, "the request to reach the target");
        sender.interrupt();

        assertEquals(ErrorKind.ABANDONED, LoopDriver.get(outcome).error());
        assertTrue(sender.join(WAIT));
        assertTrue(stillInterrupted.get(), "the interrupt is kept for the caller");
    }

    @Test
    void closingTheTransportAbandonsRequestsInFlightAndDropsLaterTasks() throws Exception {
        CountingTarget target = target(out -> CountingTarget.pause(Duration.ofSeconds(5)), Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(10));
        CompletableFuture<RequestOutcome> outcome = new CompletableFuture<>();
        loop.execute(() -> user.send(GET, outcome::complete));
        Await.until(() -> target.requests.get() == 1, WAIT, "the request to reach the target");

        transport.close();

        assertEquals(ErrorKind.ABANDONED, LoopDriver.get(outcome).error());
        assertFalse(((LeanEventLoop) loop).submit(() -> { }), "a stopped loop takes no more tasks");
        assertThrows(IllegalStateException.class,
                () -> transport.openSession(new SessionOptions(target.base(), Duration.ofSeconds(1), TlsSpec.defaults(), 0)));
        assertEquals(List.of(loop), transport.eventLoops(), "the same loops, stopped");
    }
}
