package io.maid.goose.engine;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.KeyTimeline;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.Transaction;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.maid.goose.engine.MeasuredRun.backToBack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every statistics row names its group and carries the parts of its key, scenario included. */
class StatsKeysTest {
    /** How the engine runs users in these tests; {@code StatsKeysOnLoopsTest} runs them on an event loop. */
    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    /** Two scenarios, each with a transaction {@code page}, on different paths; two users, one per scenario. */
    private MeasuredRun twoPages() {
        Scenario shopper = new Scenario("shopper", 1, List.of(Transaction.of("page", RequestSpec.of(HttpMethod.GET, "/shop"))));
        Scenario browser = new Scenario("browser", 1, List.of(Transaction.of("page", RequestSpec.of(HttpMethod.GET, "/browse"))));
        return MeasuredRun.of(users(), backToBack(2).scenario(shopper).scenario(browser).build(), 600,
                call -> ScriptedTransport.respond(200, Duration.ofMillis(1)));
    }

    @Test
    void equalTransactionNamesInTwoScenariosAreTwoRequestKeys() {
        MeasuredRun r = twoPages();
        RunSummary s = r.summary();

        assertEquals(List.of("GET shopper/page", "GET browser/page"), s.requests().stream().map(StatsRow::name).toList());
        assertEquals(List.of(StatsKey.request(HttpMethod.GET, "shopper", "page"), StatsKey.request(HttpMethod.GET, "browser", "page")),
                s.requests().stream().map(StatsRow::key).toList());
        assertEquals(r.sent().stream().filter(c -> c.request().path().equals("/shop")).count(), s.requests().get(0).count(),
                "shopper's page counts exactly the calls to /shop");
        assertEquals(r.sent().stream().filter(c -> c.request().path().equals("/browse")).count(), s.requests().get(1).count(),
                "browser's page counts exactly the calls to /browse");
    }

    @Test
    void eachRequestKeyHasItsOwnP95ForEverySecondOfTheTimeline() {
        // One user, so each latency is exactly the scripted one: no other user moves the manual clock meanwhile.
        Scenario shop = new Scenario("shop", 1, List.of(Transaction.of("fast", RequestSpec.of(HttpMethod.GET, "/fast")),
                Transaction.of("slow", RequestSpec.of(HttpMethod.GET, "/slow"))));
        RunSummary s = MeasuredRun.of(users(), backToBack(1).scenario(shop).build(), 600,
                call -> ScriptedTransport.respond(200, Duration.ofMillis(call.request().path().equals("/fast") ? 2 : 7)))
                .summary();

        assertEquals(s.requests().stream().map(StatsRow::key).toList(),
                s.keyTimelines().stream().map(KeyTimeline::key).toList(), "one timeline per request key, in row order");
        assertTrue(s.timeline().size() >= 2, "the run spans several seconds: " + s.timeline().size());
        for (KeyTimeline k : s.keyTimelines()) {
            assertEquals(s.timeline().size(), k.length(), k.key().name() + ": one value per snapshot");
        }
        MeasuredRun.assertWithinHdrPrecision(2_000, max(s.keyTimelines().get(0)), "the fast key's p95, never the slow one's");
        MeasuredRun.assertWithinHdrPrecision(7_000, max(s.keyTimelines().get(1)), "the slow key's p95");
    }

    private static double max(KeyTimeline k) {
        double max = Double.NaN;
        for (int i = 0; i < k.length(); i++) {
            if (!Double.isNaN(k.p95At(i))) {
                max = Double.isNaN(max) ? k.p95At(i) : Math.max(max, k.p95At(i));
            }
        }
        return max;
    }

    @Test
    void transactionScenarioAndTotalRowsCarryTheirKeys() {
        RunSummary s = twoPages().summary();

        assertEquals(List.of(StatsKey.transaction("shopper", "page"), StatsKey.transaction("browser", "page")),
                s.transactions().stream().map(StatsRow::key).toList());
        assertEquals(List.of("shopper/page", "browser/page"), s.transactions().stream().map(StatsRow::name).toList());
        assertEquals(List.of(StatsKey.scenario("shopper"), StatsKey.scenario("browser")),
                s.scenarios().stream().map(StatsRow::key).toList());
        assertEquals(StatsKey.total(), s.total().key());
        assertEquals(StatsKey.TOTAL_NAME, s.total().name());
        StatsKey key = s.requests().get(1).key();
        assertEquals(List.of(StatsKey.Kind.REQUEST, "browser", "page", HttpMethod.GET),
                List.of(key.kind(), key.scenario(), key.transaction(), key.method()));
    }
}
