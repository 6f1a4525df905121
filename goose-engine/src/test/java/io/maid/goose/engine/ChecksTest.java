package io.maid.goose.engine;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.testkit.FakeJsonBodyReader;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ScriptedTransport.Respond;
import io.maid.goose.testkit.ScriptedTransport.Sent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks judge every response that arrived, and what they count is exact. */
class ChecksTest extends FlowTestBase {

    private static final Transaction SEARCH = Transaction.builder("search").get("/search")
            .checkBodyContains("results").checkStatus(200).build();

    /** Whether the fake's answer to {@code s} had "results" in its body (a released hang answers an empty body). */
    private static boolean right(Sent s) {
        return s.step() instanceof Respond r && new String(r.body(), StandardCharsets.UTF_8).contains("results");
    }

    @Test
    void aWrongBodyOnEveryTenthResponseGivesExactlyThatManyCheckFailures() {
        MeasuredRun m = MeasuredRun.of(users(), MeasuredRun.backToBack(2).scenario(new Scenario("s", 1, List.of(SEARCH)))
                .build(), 400, call -> ScriptedTransport.respond(200, Duration.ofMillis(7))
                .withBody(call.callNumber() % 10 == 9 ? "<p>oops</p>" : "<p>3 results</p>"));
        h = m.h();
        RunSummary s = m.summary();
        long wrong = m.sent().stream().filter(x -> !right(x)).count();
        assertTrue(wrong >= 40, "every tenth of 400, plus the released hangs: " + wrong);

        assertEquals(m.sent().size(), s.total().count(), "the engine counted what the target received");
        assertEquals(Map.of(ErrorKind.CHECK_FAILED, wrong), s.total().errors());
        assertEquals(List.of(new CheckStats("s", "search", "body contains 'results'", s.total().count() - wrong, wrong),
                new CheckStats("s", "search", "status in [200]", s.total().count(), 0)), s.checks());
        assertEquals(wrong, s.checksFailed());
        assertTrue(s.timeline().size() >= 2, "several intervals: " + s.timeline().size());
        assertEquals(wrong, s.timeline().stream().mapToLong(MetricsSnapshot::checksFailed).sum(),
                "checks_failed per second adds up to the total");
        assertEquals(List.of("check 'body contains 'results'' failed"),
                s.total().errorSamples().get(ErrorKind.CHECK_FAILED));
    }

    @Test
    void aCheckFailureCountsOncePerFailedCheckAndOnceAsAFailedRequest() {
        Transaction twice = Transaction.builder("t").get("/").checkStatus(201).checkBodyContains("x").build();
        MeasuredRun m = MeasuredRun.of(users(), MeasuredRun.backToBack(1).scenario(new Scenario("s", 1, List.of(twice)))
                .build(), 20, call -> ScriptedTransport.respond(200, Duration.ofMillis(1)));
        h = m.h();
        RunSummary s = m.summary();
        assertEquals(21, s.total().count());
        assertEquals(21, s.total().failures(), "one failed request each");
        assertEquals(42, s.checksFailed(), "two failed checks each");
        assertEquals(42, s.timeline().stream().mapToLong(MetricsSnapshot::checksFailed).sum());
    }

    @Test
    void aTransportFailureJudgesNoCheck() {
        MeasuredRun m = MeasuredRun.of(users(), MeasuredRun.backToBack(1).scenario(new Scenario("s", 1, List.of(SEARCH)))
                .build(), 10, call -> ScriptedTransport.fail(ErrorKind.CONNECT_REFUSED, Duration.ofMillis(1)));
        h = m.h();
        RunSummary s = m.summary();
        assertEquals(10, s.total().errors().get(ErrorKind.CONNECT_REFUSED));
        CheckStats body = s.checks().get(0);
        assertEquals(s.total().count() - 10, body.count(), "only the released hangs' responses were judged");
    }

    @Test
    void expectStatusStillDecidesFirstAndTheChecksAreStillCounted() {
        Transaction created = Transaction.builder("create").post("/items").expectStatus(201).checkBodyContains("id").build();
        MeasuredRun m = MeasuredRun.of(users(), MeasuredRun.backToBack(1).scenario(new Scenario("s", 1, List.of(created)))
                .build(), 10, call -> ScriptedTransport.respond(200, Duration.ofMillis(1)).withBody("{\"id\":1}"));
        h = m.h();
        RunSummary s = m.summary();
        assertEquals(s.total().count(), s.total().errors().get(ErrorKind.UNEXPECTED_STATUS), "200 is not 201");
        assertEquals(Map.of(ErrorKind.UNEXPECTED_STATUS, 11L), s.total().errors(), "never check_failed as well");
        assertEquals(List.of(10L, 1L), List.of(s.checks().get(0).passes(), s.checks().get(0).failures()),
                "the check judged all 11, the released hang's empty body failing it");
    }

    @Test
    void aConstantRequestIsOnePrebuiltObjectSentStaticOrAskingOnlyForWhatItsChecksRead() {
        Scenario s = new Scenario("s", 1, List.of(
                Transaction.builder("plain").get("/plain").build(),
                Transaction.builder("status").get("/status").checkStatus(200).build(),
                Transaction.builder("header").get("/header").checkHeaderExists("ETag").build(),
                Transaction.builder("body").get("/body").checkBodyMatches("ok").build()));
        MeasuredRun m = MeasuredRun.of(users(), MeasuredRun.backToBack(2).maxCaptureBytes(2048).scenario(s).build(), 40,
                call -> ScriptedTransport.respond(200, Duration.ofMillis(1)).withHeader("ETag", "e").withBody("ok"));
        h = m.h();
        Map<String, Set<SendOptions>> options = m.sent().stream().collect(Collectors.groupingBy(x -> x.request().path(),
                Collectors.mapping(Sent::options, Collectors.toSet())));
        assertEquals(Set.of(SendOptions.STATIC), options.get("/plain"));
        assertEquals(Set.of(SendOptions.STATIC), options.get("/status"), "the status needs no capture");
        assertEquals(Set.of(new SendOptions(true, true, 0)), options.get("/header"));
        assertEquals(Set.of(new SendOptions(true, false, 2048)), options.get("/body"));
        for (String path : List.of("/plain", "/status", "/header", "/body")) {
            List<RequestSpec> sent = m.sent().stream().map(Sent::request).filter(r -> r.path().equals(path)).toList();
            assertTrue(sent.size() >= 4, path);
            for (RequestSpec r : sent) {
                assertSame(sent.get(0), r, path + ": the same object every time, for every user");
            }
        }
        long judgedHangs = m.sent().stream().filter(x -> x.step() instanceof ScriptedTransport.Hang
                && Set.of("/header", "/body").contains(x.request().path())).count();
        assertEquals(judgedHangs, m.summary().total().failures(), "only a released hang (no ETag, empty body) fails");
    }

    @Test
    void aRunWithAJsonCheckAndNoJsonReaderFailsAtStartSayingSo() {
        h = new EngineHarness(users(), call -> ScriptedTransport.respond(200));
        RunConfig config = config().scenario(new Scenario("s", 1, List.of(
                Transaction.builder("t").get("/").checkJsonExists("/id").build()))).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.start(config));
        assertTrue(e.getMessage().contains("json check or extractor") && e.getMessage().contains("jsonBodyReader"),
                e.getMessage());
        assertEquals(false, h.engine.status().active(), "no run was started");
        assertEquals(0, h.transport.sentCount());
    }

    @Test
    void withAJsonReaderTheSameRunJudgesItsJson() {
        FakeJsonBodyReader json = new FakeJsonBodyReader();
        h = new EngineHarness(users(), call -> ScriptedTransport.respond(200).withBody("{\"id\":7}"), null, json);
        RunSummary s = h.stepToEnd(h.start(config().thinkTimeSeconds(1).durationSeconds(2).scenario(new Scenario("s", 1,
                List.of(Transaction.builder("t").get("/").checkJsonEquals("/id", "7").build()))).build()),
                Duration.ofMillis(100));
        assertEquals(s.total().count(), s.checks().get(0).passes());
        assertEquals(s.total().count(), json.reads(), "one read per response");
        assertTrue(s.total().count() >= 2);
    }
}
