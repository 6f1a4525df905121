package io.maid.goose.engine;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.FeedStrategy;
import io.maid.goose.domain.flow.OnExhausted;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ScriptedTransport.Sent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How feeders hand their rows to the users: unique, circular, random. */
class FeedersTest extends FlowTestBase {

    private static DataFeeder ids(FeedStrategy strategy, OnExhausted onExhausted, int rows) {
        DataFeeder.Builder b = DataFeeder.builder("ids").columns("id").strategy(strategy).onExhausted(onExhausted);
        IntStream.range(0, rows).forEach(i -> b.row("row" + i));
        return b.build();
    }

    private static Scenario items(Transaction... onStop) {
        return Scenario.builder("s").transaction(Transaction.builder("item").get("/items/{{ids.id}}").feed("ids").build())
                .onStop(onStop).build();
    }

    private RunSummary run(RunConfig config) {
        h = new EngineHarness(users(), call -> ScriptedTransport.respond(200), 42L);
        return h.stepToEnd(h.start(config), Duration.ofMillis(100));
    }

    private List<String> rowsSent() {
        return h.transport.sent().stream().map(s -> s.request().path()).filter(p -> p.startsWith("/items/"))
                .map(p -> p.substring("/items/".length())).toList();
    }

    private long logsContaining(String text) {
        return h.events.logs().stream().map(LogEvent::message).filter(m -> m.contains(text)).count();
    }

    @Test
    void uniqueHandsEachOfFiftyRowsToTenUsersAtMostOnceAndEachNeedBeyondStopsItsUser() {
        RunSummary s = run(config().users(10).hatchRate(10).durationSeconds(3600).thinkTimeSeconds(1)
                .data(ids(FeedStrategy.UNIQUE, OnExhausted.STOP_USER, 50)).scenario(items()).build());

        List<String> rows = rowsSent();
        assertEquals(50, rows.size(), "every row once");
        assertEquals(IntStream.range(0, 50).mapToObj(i -> "row" + i).collect(Collectors.toSet()), new HashSet<>(rows),
                "none twice");
        assertEquals(Map.of("data_exhausted", 10L), s.skippedByReason(),
                "each user stopped at its first need without a row (the 51st need, then one per other user)");
        assertEquals(50, s.total().count());
        assertEquals(1, logsContaining("data feeder 'ids' ran out of rows"), "logged once");
        assertEquals(1, logsContaining("every user has stopped"), "the run ends when no user is left");
        assertEquals(RunState.COMPLETED, s.state());
        assertTrue(s.durationSeconds() < 60, "well before the hour of maintain: " + s.durationSeconds());
    }

    @Test
    void aUserStoppedByExhaustedDataStillRunsItsOnStop() {
        run(config().users(2).hatchRate(2).durationSeconds(3600).thinkTimeSeconds(1)
                .data(ids(FeedStrategy.UNIQUE, OnExhausted.STOP_USER, 3))
                .scenario(items(Transaction.builder("bye").post("/bye").build())).build());
        assertEquals(3, rowsSent().size());
        assertEquals(Map.of(0, 1L, 1, 1L), h.transport.sent().stream().filter(x -> x.request().path().equals("/bye"))
                .collect(Collectors.groupingBy(Sent::userIndex, Collectors.counting())), "one on_stop per user");
    }

    @Test
    void stopRunEndsTheWholeRunGracefullyWhenTheRowsRunOut() {
        RunSummary s = run(config().users(3).hatchRate(3).durationSeconds(3600).thinkTimeSeconds(1)
                .data(ids(FeedStrategy.UNIQUE, OnExhausted.STOP_RUN, 5))
                .scenario(items(Transaction.builder("bye").post("/bye").build())).build());

        assertEquals(5, rowsSent().size());
        assertEquals(3, h.transport.sent().stream().filter(x -> x.request().path().equals("/bye")).count(),
                "every user left through on_stop");
        assertEquals(RunState.COMPLETED, s.state(), "the run ended as planned, only sooner");
        assertEquals(1, logsContaining("stopping the run (on_exhausted: stop_run)"));
        assertEquals(1, logsContaining("(data feeder 'ids' ran out of rows)"), "the reason decrease began");
        assertEquals(1, s.skippedByReason().get("data_exhausted"), "only the need that found no row");
    }

    @Test
    void circularSharesOneCursorAcrossTheUsersAndWraps() {
        // Users launched at 0.5 s and 1 s, each sending every second: their requests alternate, one at a time.
        RunSummary s = run(config().users(2).hatchRate(2).durationSeconds(4).thinkTimeSeconds(1)
                .data(ids(FeedStrategy.CIRCULAR, OnExhausted.STOP_USER, 3)).scenario(items()).build());

        List<Sent> sent = h.transport.sent();
        assertTrue(sent.size() >= 8, "sent " + sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals("/items/row" + i % 3, sent.get(i).request().path(), "take " + i);
            assertEquals(i % 2, sent.get(i).userIndex(), "the users take turns");
        }
        assertEquals(Map.of(), s.skippedByReason());
    }

    @Test
    void randomReachesEveryRowOverALongRun() {
        RunSummary s = run(config().users(1).hatchRate(1).durationSeconds(30).thinkTimeSeconds(0.1)
                .data(ids(FeedStrategy.RANDOM, OnExhausted.STOP_USER, 5)).scenario(items()).build());

        List<String> rows = rowsSent();
        assertTrue(rows.size() >= 250, "sent " + rows.size());
        assertEquals(Set.of("row0", "row1", "row2", "row3", "row4"), new HashSet<>(rows));
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        for (long c : counts.values()) {
            assertTrue(c > rows.size() / 10, "roughly uniform: " + counts);
        }
        assertEquals(Map.of(), s.skippedByReason(), "a random feeder never runs out");
    }

    @Test
    void theSameSeedGivesTheSameRandomRows() {
        // Requests at 1.0, 1.4, ... 3.8 s (the 0.35 s pause ends on the next 0.1 s step), none at the stop at 4 s.
        RunConfig config = config().users(1).hatchRate(1).durationSeconds(3).thinkTimeSeconds(0.35)
                .data(ids(FeedStrategy.RANDOM, OnExhausted.STOP_USER, 50)).scenario(items()).build();
        run(config);
        List<String> first = rowsSent();
        assertEquals(8, first.size());
        h.close();
        run(config);
        assertEquals(first, rowsSent());
    }

    @Test
    void aFeederThatStillNamesItsFileIsRefusedAtStart() {
        h = new EngineHarness(users(), call -> ScriptedTransport.respond(200));
        RunConfig config = config().data(new DataFeeder("ids", new FeedSource.CsvFile("ids.csv"),
                FeedStrategy.CIRCULAR, OnExhausted.STOP_USER)).scenario(items()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.start(config));
        assertTrue(e.getMessage().contains("ids.csv") && e.getMessage().contains("load it"), e.getMessage());
        assertEquals(false, h.engine.status().active());
    }
}
