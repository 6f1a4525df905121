package io.maid.goose.engine.flow;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.TransactionBuilder;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.ThinkTime;
import io.maid.goose.engine.metrics.FlowCounters;
import io.maid.goose.ports.out.CapturedResponse;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.testkit.FakeJsonBodyReader;
import io.maid.goose.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every check and extractor kind, on one response at a time. */
class ResponseJudgeTest {
    private static final String BODY = "{\"token\":\"t-42\",\"user\":\"alice\",\"n\":7} <p>results: 3</p>";
    private static final List<NameValue> HEADERS = List.of(new NameValue("Content-Type", "application/json"),
            new NameValue("Set-Cookie", "SID=first; Path=/"), new NameValue("set-cookie", "OTHER=x"),
            new NameValue("Set-Cookie", "SID=\"second\"; HttpOnly"), new NameValue("Location", "/items/7"));
    private final UserSession session = new UserSession(0, "run-1", new ManualClock(), 1);
    private final FlowCounters counters = new FlowCounters(8, 1, 0);
    private final ResponseJudge judge = new ResponseJudge(session, new FakeJsonBodyReader(), counters,
            new RequestRenderer());

    private static RequestOutcome response(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RequestOutcome.response(status, 10, 20).withResponse(new CapturedResponse(HEADERS, bytes, false));
    }

    private ErrorKind judge(TransactionBuilder b, RequestOutcome outcome, long latencyNanos) {
        Transaction t = b.build();
        return judge.judge(new TransactionPlan(t, 0, 0, Map.of(), ThinkTime.NONE, 1024), outcome, latencyNanos);
    }

    /** Whether the one check of {@code b} passes on the standard response (5 ms); it is counted once either way. */
    private boolean passes(TransactionBuilder b) {
        long passes = counters.passes(0);
        long failures = counters.failures(0);
        ErrorKind kind = judge(b, response(200, BODY), 5_000_000);
        boolean passed = counters.passes(0) == passes + 1 && counters.failures(0) == failures;
        boolean failed = counters.passes(0) == passes && counters.failures(0) == failures + 1;
        assertEquals(true, passed ^ failed, "counted once");
        assertEquals(passed, kind == null);
        return passed;
    }

    private static TransactionBuilder tx() {
        return Transaction.builder("t").get("/");
    }

    @Test
    void statusBodyAndLatencyChecks() {
        assertEquals(true, passes(tx().checkStatus(200, 201)));
        assertEquals(false, passes(tx().checkStatus(404)));
        assertEquals(true, passes(tx().checkBodyContains("results")));
        assertEquals(false, passes(tx().checkBodyContains("nothing")));
        assertEquals(true, passes(tx().checkBodyMatches("results: \\d+")));
        assertEquals(false, passes(tx().checkBodyMatches("^results")));
        assertEquals(true, passes(tx().checkMaxLatencyMs(5)));
        assertEquals(false, passes(tx().checkMaxLatencyMs(4.999)));
    }

    @Test
    void bodyContainsRendersItsTemplateFromTheSessionAndFailsOnAnUnsetVariable() {
        assertEquals(false, passes(tx().checkBodyContains("{{who}}")));
        session.set("who", "alice");
        assertEquals(true, passes(tx().checkBodyContains("\"user\":\"{{who}}\"")));
    }

    @Test
    void jsonChecks() {
        session.set("who", "alice");
        assertEquals(true, passes(tx().checkJsonExists("/token")));
        assertEquals(false, passes(tx().checkJsonExists("/missing")));
        assertNull(judge(tx().checkJsonEquals("/user", "{{who}}"), response(200, BODY), 0));
        assertEquals(ErrorKind.CHECK_FAILED, judge(tx().checkJsonEquals("/n", "8"), response(200, BODY), 0));
        assertNull(judge(tx().checkJsonMatches("/token", "^t-\\d+$"), response(200, BODY), 0));
        assertEquals(ErrorKind.CHECK_FAILED, judge(tx().checkJsonExists("/token"), response(200, "not json"), 0));
    }

    @Test
    void headerChecksFindTheFirstHeaderOfThatNameWhateverItsCase() {
        assertNull(judge(tx().checkHeaderExists("content-type"), response(200, BODY), 0));
        assertEquals(ErrorKind.CHECK_FAILED, judge(tx().checkHeaderExists("ETag"), response(200, BODY), 0));
        assertNull(judge(tx().checkHeaderEquals("Location", "/items/7"), response(200, BODY), 0));
        assertNull(judge(tx().checkHeaderMatches("Set-Cookie", "^SID=first"), response(200, BODY), 0));
    }

    @Test
    void aCustomCheckSeesTheResponseAndOneThatThrowsFails() {
        assertNull(judge(tx().checkCustom("has 7", true, r -> r.status() == 200 && r.bodyText().contains("7")
                && r.latencyMs() == 2.5 && !r.bodyTruncated()), response(200, BODY), 2_500_000));
        assertEquals(ErrorKind.CHECK_FAILED, judge(tx().checkCustom("boom", false, r -> {
            throw new IllegalStateException("boom");
        }), response(200, BODY), 0));
    }

    @Test
    void everyCheckIsJudgedAndCountedEvenAfterOneFailed() {
        judge(tx().checkStatus(500).checkBodyContains("results").checkJsonExists("/nope"), response(200, BODY), 0);
        assertEquals(List.of(0L, 1L, 1L, 0L, 0L, 1L), List.of(counters.passes(0), counters.failures(0),
                counters.passes(1), counters.failures(1), counters.passes(2), counters.failures(2)));
        assertEquals("check 'status in [500]' failed", judge.detail());
    }

    @Test
    void extractorsOfEveryKindSetTheirVariables() {
        assertNull(judge(tx().extractJson("token", "/token").extractJson("n", "/n").extractRegex("count", "results: (\\d+)", 1)
                .extractHeader("where", "location").extractCookie("sid", "SID")
                .extractCustom("len", "body length", true, r -> Integer.toString(r.bodyText().length())),
                response(200, BODY), 0));
        assertEquals(List.of("t-42", "7", "3", "/items/7", "second", Integer.toString(BODY.length())),
                List.of(session.variable("token"), session.variable("n"), session.variable("count"),
                        session.variable("where"), session.variable("sid"), session.variable("len")));
    }

    @Test
    void aMissWithADefaultSetsTheDefaultAndWithoutOneFailsAndLeavesTheVariableAsItWas() {
        session.set("token", "old");
        assertNull(judge(tx().extract(new Extractor.JsonValue("other", "/none", "fallback")), response(200, BODY), 0));
        assertEquals("fallback", session.variable("other"));
        assertEquals(ErrorKind.EXTRACT_FAILED, judge(tx().extractJson("token", "/none"), response(200, BODY), 0));
        assertEquals("old", session.variable("token"));
        assertEquals("extract 'token' (json /none) found nothing", judge.detail());
        assertEquals(ErrorKind.EXTRACT_FAILED, judge(tx().extractCookie("c", "NOPE"), response(200, BODY), 0));
        assertEquals(ErrorKind.EXTRACT_FAILED, judge(tx().extractRegex("g", "(x)?results", 1), response(200, BODY), 0),
                "a group that took part in no match is a miss");
    }

    @Test
    void aFailedCheckWinsOverAFailedExtractorAndExtractorsRunFirst() {
        assertEquals(ErrorKind.CHECK_FAILED, judge(tx().extractJson("x", "/none").checkStatus(404), response(200, BODY), 0));
        assertNull(judge(tx().extractJson("u", "/user").checkBodyContains("{{u}}"), response(200, BODY), 0),
                "a check can use what an extractor of the same response set");
    }

    @Test
    void aResponseWithoutCaptureHasNoHeadersAndAnEmptyBody() {
        assertEquals(ErrorKind.CHECK_FAILED, judge(tx().checkBodyContains("results"), RequestOutcome.response(200, 0, 0), 0));
        assertEquals(ErrorKind.EXTRACT_FAILED, judge(tx().extractHeader("h", "Location"), RequestOutcome.response(200, 0, 0), 0));
    }
}
