package io.maid.goose.engine;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.SchedulerKind;
import io.maid.goose.domain.Transaction;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.maid.goose.engine.EngineHarness.ENGINE_SLEEPERS;
import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which user runs what, in which order, and when: scheduler, transactions, think time, throughput cap. */
class WorkloadTest {
    /** How the engine runs users in these tests; {@code WorkloadOnLoopsTest} runs them all on an event loop. */
    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    private static Scenario scenario(String name, int weight) {
        return new Scenario(name, weight, List.of(Transaction.of(name, RequestSpec.of(HttpMethod.GET, "/" + name))));
    }

    /** Launches {@code users} (each sends one request, then thinks), stops, and returns each user's scenario. */
    private List<String> scenariosByUser(SchedulerKind kind, int users, Long seed, int... weights) {
        EngineHarness h = new EngineHarness(users(), call -> ScriptedTransport.respond(200), seed);
        RunConfig.Builder b = config().users(users).hatchRate(users).thinkTimeSeconds(1000).scheduler(kind);
        for (int i = 0; i < weights.length; i++) {
            b.scenario(scenario(String.valueOf((char) ('A' + i)), weights[i]));
        }
        RunHandle run = h.start(b.build());
        h.advanceSeconds(1);
        h.awaitSleepers(ENGINE_SLEEPERS + users);
        h.engine.stop();
        h.awaitEnd(run);
        Map<Integer, String> byUser = new TreeMap<>();
        for (ScriptedTransport.Sent s : h.transport.sent()) {
            byUser.put(s.userIndex(), s.request().path().substring(1));
        }
        return List.copyOf(byUser.values());
    }

    @Test
    void roundRobinWithWeights2To1AssignsABAThenRepeats() {
        assertEquals(List.of("A", "B", "A", "A", "B", "A", "A"), scenariosByUser(SchedulerKind.ROUND_ROBIN, 7, null, 2, 1));
    }

    @Test
    void roundRobinWithWeights3To1AssignsABAAThenRepeats() {
        assertEquals(List.of("A", "B", "A", "A", "A", "B", "A", "A"), scenariosByUser(SchedulerKind.ROUND_ROBIN, 8, null, 3, 1));
    }

    @Test
    void serialWithWeights2To1AssignsAABThenRepeats() {
        assertEquals(List.of("A", "A", "B", "A", "A", "B"), scenariosByUser(SchedulerKind.SERIAL, 6, null, 2, 1));
    }

    @Test
    void serialWithWeights3To1AssignsAAABThenRepeats() {
        assertEquals(List.of("A", "A", "A", "B", "A", "A", "A", "B"), scenariosByUser(SchedulerKind.SERIAL, 8, null, 3, 1));
    }

    @Test
    void weightsAreReducedByTheirGcd() {
        assertEquals(scenariosByUser(SchedulerKind.ROUND_ROBIN, 6, null, 2, 1),
                scenariosByUser(SchedulerKind.ROUND_ROBIN, 6, null, 4, 2));
        assertEquals(List.of("A", "A", "B", "A", "A", "B"), scenariosByUser(SchedulerKind.SERIAL, 6, null, 4, 2));
    }

    @Test
    void theRandomSchedulerRepeatsItsAssignmentForTheSameSeed() {
        List<String> first = scenariosByUser(SchedulerKind.RANDOM, 12, 42L, 5, 3, 2);
        assertEquals(first, scenariosByUser(SchedulerKind.RANDOM, 12, 42L, 5, 3, 2));
        List<String> copies = new ArrayList<>(first.subList(0, 10));
        Collections.sort(copies);
        assertEquals(List.of("A", "A", "A", "A", "A", "B", "B", "B", "C", "C"), copies,
                "one cycle holds every weighted copy once");
        assertEquals(first.subList(0, 2), first.subList(10, 12), "users take the shuffled sequence cyclically");
    }

    @Test
    void theRandomSeedIsLoggedAndKeptInTheSummary() {
        EngineHarness h = new EngineHarness(users(), call -> ScriptedTransport.respond(200), 1234L);
        RunHandle run = h.start(config().scheduler(SchedulerKind.RANDOM).scenario(scenario("A", 1)).build());
        h.engine.stop();
        RunSummary summary = h.awaitEnd(run);
        assertEquals(1234L, summary.schedulerSeed());
        assertTrue(h.events.logs().stream().map(LogEvent::message).anyMatch(m -> m.contains("seed 1234")));
    }

    @Test
    void withoutAGivenSeedTheRandomSchedulerDrawsOneAndReportsIt() {
        EngineHarness h = new EngineHarness(users(), call -> ScriptedTransport.respond(200));
        RunHandle run = h.start(config().scheduler(SchedulerKind.RANDOM).scenario(scenario("A", 1)).build());
        h.engine.stop();
        RunSummary summary = h.awaitEnd(run);
        assertTrue(summary.schedulerSeed() != null);
        assertTrue(h.events.logs().stream().map(LogEvent::message).anyMatch(m -> m.contains("seed " + summary.schedulerSeed())));
    }

    @Test
    void otherSchedulersReportNoSeed() {
        EngineHarness h = EngineHarness.answering200(users());
        RunHandle run = h.start(config().scenario(scenario("A", 1)).build());
        h.engine.stop();
        assertEquals(null, h.awaitEnd(run).schedulerSeed());
    }

    @Test
    void aUserLoopsOverItsTransactionsInOrderRepeatingWeightedOnesAndThinkingAfterEach() {
        List<Long> sendTimes = Collections.synchronizedList(new ArrayList<>());
        EngineHarness[] holder = new EngineHarness[1];
        holder[0] = new EngineHarness(users(), call -> {
            sendTimes.add(holder[0].clock.monotonicNanos());
            return ScriptedTransport.respond(200);
        });
        EngineHarness h = holder[0];
        Scenario scenario = new Scenario("shop", 1, List.of(
                new Transaction("browse", 2, RequestSpec.of(HttpMethod.GET, "/browse")),
                new Transaction("buy", 1, RequestSpec.of(HttpMethod.POST, "/buy"))));
        RunHandle run = h.start(config().users(1).hatchRate(1).durationSeconds(60).thinkTimeSeconds(1)
                .scenario(scenario).build());
        for (int second = 1; second <= 7; second++) {
            h.advanceSeconds(1);
            h.awaitSleepers(ENGINE_SLEEPERS + 1);
            assertEquals(second, h.transport.sentCount(), "one transaction per think time, by " + second + " s");
        }
        h.engine.stop();
        h.awaitEnd(run);

        assertEquals(List.of("/browse", "/browse", "/buy", "/browse", "/browse", "/buy", "/browse"),
                h.transport.sent().stream().map(s -> s.request().path()).toList());
        List<Long> expected = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            expected.add(i * 1_000_000_000L);
        }
        assertEquals(expected, sendTimes, "the think time follows every transaction");
    }

    @Test
    void theThroughputCapPacesEachUsersRequestStarts() {
        Map<Integer, List<Long>> starts = new TreeMap<>();
        EngineHarness[] holder = new EngineHarness[1];
        holder[0] = new EngineHarness(users(), call -> {
            synchronized (starts) {
                starts.computeIfAbsent(call.userIndex(), u -> new ArrayList<>()).add(holder[0].clock.monotonicNanos());
            }
            return ScriptedTransport.respond(200);
        });
        EngineHarness h = holder[0];
        // 2 users (launched at 0.1 s and 0.2 s) capped at 4 requests/s in total: each user at most one
        // request every 0.5 s. Maintain ends at 3.2 s.
        RunHandle run = h.start(config().users(2).hatchRate(10).durationSeconds(3).throughputCapRps(4.0)
                .get("root", "/").build());
        for (int step = 1; step < 64; step++) {
            h.advanceSeconds(0.05);
            int launched = step >= 4 ? 2 : step >= 2 ? 1 : 0;
            h.awaitSleepers(ENGINE_SLEEPERS + launched);
        }
        h.advanceSeconds(0.05);
        RunSummary summary = h.awaitEnd(run);

        for (List<Long> userStarts : starts.values()) {
            for (int i = 1; i < userStarts.size(); i++) {
                long gap = userStarts.get(i) - userStarts.get(i - 1);
                assertTrue(gap >= 500_000_000L, "request starts " + gap + " ns apart");
            }
        }
        assertEquals(List.of(0, 1), List.copyOf(starts.keySet()));
        assertEquals(7, starts.get(0).size(), "user 0 at 0.1, 0.6, ... 3.1 s");
        long total = summary.total().count();
        assertTrue(total == 13 || total == 14, "user 1 at 0.2, 0.7, ... 2.7 s, and maybe 3.2 s as it is told to stop: " + total);
    }
}
