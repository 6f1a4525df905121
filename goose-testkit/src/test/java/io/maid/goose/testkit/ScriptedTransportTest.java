package io.maid.goose.testkit;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptedTransportTest {
    private static final RequestSpec GET = RequestSpec.of(HttpMethod.GET, "/");
    private final ManualClock clock = new ManualClock();

    private static SessionOptions user(int index) {
        return new SessionOptions(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), TlsSpec.defaults(), index);
    }

    @Test
    void aStepAdvancesTheClockByItsLatencyAndAnswersItsStatus() {
        ScriptedTransport transport = ScriptedTransport.always(clock, ScriptedTransport.respond(503, Duration.ofMillis(7), 10, 20));
        RequestOutcome outcome = transport.openSession(user(0)).send(GET);
        assertEquals(RequestOutcome.response(503, 10, 20), outcome);
        assertEquals(7_000_000, clock.monotonicNanos());
    }

    @Test
    void theScriptSeesUserAndCallNumbersAndEveryCallIsRecorded() {
        ScriptedTransport transport = new ScriptedTransport(clock, call -> call.userCallNumber() == 1
                ? ScriptedTransport.fail(ErrorKind.CONNECTION_RESET)
                : ScriptedTransport.respond(200 + call.userIndex()));
        TransportSession zero = transport.openSession(user(0));
        TransportSession one = transport.openSession(user(1));
        assertEquals(200, zero.send(GET).status());
        assertEquals(201, one.send(GET).status());
        assertEquals(ErrorKind.CONNECTION_RESET, zero.send(GET).error());
        assertEquals(3, transport.sentCount());
        assertEquals(List.of(0, 1, 0), transport.sent().stream().map(ScriptedTransport.Sent::userIndex).toList());
    }

    @Test
    void withoutCaptureTheOutcomeCarriesNoResponse() {
        ScriptedTransport transport = ScriptedTransport.always(clock,
                ScriptedTransport.respond(200).withHeader("Set-Cookie", "SID=1").withBody("{\"token\":\"t\"}"));
        RequestOutcome outcome = transport.openSession(user(0)).send(GET);
        assertNull(outcome.response());
        assertEquals(SendOptions.STATIC, transport.sent().get(0).options());
    }

    @Test
    void aCapturingSendGetsTheScriptedHeadersAndBodyCutToTheLimit() {
        ScriptedTransport transport = ScriptedTransport.always(clock,
                ScriptedTransport.respond(201).withHeader("Location", "/items/7").withBody("0123456789"));
        SendOptions options = new SendOptions(false, true, 4);
        RequestOutcome outcome = transport.openSession(user(0)).send(GET, options);
        assertEquals(201, outcome.status());
        assertEquals(List.of(new NameValue("Location", "/items/7")), outcome.response().headers());
        assertEquals("0123", new String(outcome.response().body(), StandardCharsets.UTF_8));
        assertTrue(outcome.response().bodyTruncated());
        assertEquals(options, transport.sent().get(0).options());
    }

    @Test
    void aBodyOnlyCaptureKeepsNoHeadersAndAWholeBodyIsNotTruncated() {
        ScriptedTransport transport = ScriptedTransport.always(clock,
                ScriptedTransport.respond(200).withHeader("Location", "/x").withBody("ok"));
        RequestOutcome outcome = transport.openSession(user(0)).send(GET, new SendOptions(true, false, 1024));
        assertEquals(List.of(), outcome.response().headers());
        assertEquals("ok", new String(outcome.response().body(), StandardCharsets.UTF_8));
        assertFalse(outcome.response().bodyTruncated());
    }

    @Test
    void aHangingCallFailsWhenItsSessionIsClosed() throws Exception {
        ScriptedTransport transport = ScriptedTransport.always(clock, ScriptedTransport.hang());
        TransportSession session = transport.openSession(user(3));
        CompletableFuture<RequestOutcome> outcome = CompletableFuture.supplyAsync(() -> session.send(GET));
        Await.until(() -> transport.hanging() == 1, "the call to hang");
        session.close();
        assertEquals(ErrorKind.IO_ERROR, outcome.get(5, TimeUnit.SECONDS).error());
        assertEquals(List.of(3), transport.closedSessions());
    }

    @Test
    void aHangingCallAnswersWhenReleased() throws Exception {
        ScriptedTransport transport = ScriptedTransport.always(clock, ScriptedTransport.hang());
        TransportSession session = transport.openSession(user(0));
        CompletableFuture<RequestOutcome> outcome = CompletableFuture.supplyAsync(() -> session.send(GET));
        Await.until(() -> transport.hanging() == 1, "the call to hang");
        transport.releaseHanging();
        assertEquals(200, outcome.get(5, TimeUnit.SECONDS).status());
    }
}
