package io.maid.goose.engine;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.testkit.FakeJsonBodyReader;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ScriptedTransport.Sent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request that cannot be made is never sent, never counted as a request, and counted as skipped. */
class SkipsTest extends FlowTestBase {

    @Test
    void aRequestWithAnUnsetVariableIsNeverSentAndIsCountedAsSkippedByItsName() {
        h = new EngineHarness(users(), call -> ScriptedTransport.respond(200).withBody("{}"), null,
                new FakeJsonBodyReader());
        Scenario s = Scenario.builder("s")
                .onStart(Transaction.builder("login").post("/login").extractJson("token", "/token").build())
                .transaction(Transaction.builder("profile").get("/profile").header("Authorization", "Bearer {{token}}").build())
                .build();
        // Launched at 1 s, login then a skip every 0.7 s: at 1.7, 2.4, 3.1 and 3.8 s; stopped at 4 s.
        RunSummary summary = h.stepToEnd(h.start(config().users(1).hatchRate(1).durationSeconds(3).thinkTimeSeconds(0.7)
                .scenario(s).build()), Duration.ofMillis(100));

        assertEquals(List.of("/login"), h.transport.sent().stream().map(x -> x.request().path()).toList(),
                "the profile request never reached the target");
        assertEquals(1, summary.total().count(), "and was never counted as a request");
        assertEquals(Map.of(ErrorKind.EXTRACT_FAILED, 1L), summary.total().errors());
        assertEquals(List.of(new SkipStats("s", "profile", "unset_variable:token", 4)), summary.skipped());
        assertEquals(Map.of("unset_variable:token", 4L), summary.skippedByReason());
        assertEquals(4, summary.timeline().stream().mapToLong(MetricsSnapshot::skipped).sum(),
                "skipped per second adds up to the total");
        assertEquals(0, summary.requests().stream().filter(r -> r.name().equals("GET s/profile")).findFirst()
                .orElseThrow().count());
    }

    @Test
    void aHeaderValueCarryingCrLfIsNeverSentAndIsATemplateError() {
        h = new EngineHarness(users(), call -> ScriptedTransport.respond(200));
        DataFeeder names = DataFeeder.builder("names").columns("v").row("ok").row("bad\r\nX-Injected: 1").build();
        Scenario s = new Scenario("s", 1, List.of(Transaction.builder("hello").get("/hello").feed("names")
                .header("X-Name", "{{names.v}}").build()));
        RunSummary summary = h.stepToEnd(h.start(config().users(1).hatchRate(1).durationSeconds(4).thinkTimeSeconds(0.5)
                .data(names).scenario(s).build()), Duration.ofMillis(100));

        List<Sent> sent = h.transport.sent();
        assertTrue(sent.size() >= 3, "sent " + sent.size());
        for (Sent x : sent) {
            assertEquals(List.of(new NameValue("X-Name", "ok")), x.request().headers());
        }
        long skipped = summary.skippedByReason().getOrDefault("template_error", 0L);
        assertTrue(Math.abs(skipped - sent.size()) <= 1, "every other row is bad: " + skipped + " vs " + sent.size());
        assertEquals(sent.size(), summary.total().count());
        assertEquals(0, summary.total().failures());
    }

    @Test
    void aRenderedPathValueStaysInThePath() {
        h = new EngineHarness(users(), call -> ScriptedTransport.respond(200));
        DataFeeder ids = DataFeeder.builder("ids").columns("id").row("//evil.example/x").row("http://evil.example/?a#b")
                .build();
        Scenario s = new Scenario("s", 1, List.of(Transaction.builder("item").get("/items/{{ids.id}}").feed("ids").build()));
        h.stepToEnd(h.start(config().users(1).hatchRate(1).durationSeconds(2).thinkTimeSeconds(1).data(ids).scenario(s)
                .build()), Duration.ofMillis(100));

        assertEquals(List.of("/items/%2F%2Fevil.example%2Fx", "/items/http%3A%2F%2Fevil.example%2F%3Fa%23b"),
                h.transport.sent().stream().map(x -> x.request().path()).distinct().toList());
    }
}
