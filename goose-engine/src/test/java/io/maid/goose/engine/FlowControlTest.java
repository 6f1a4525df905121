package io.maid.goose.engine;

import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.OnFailure;
import io.maid.goose.domain.flow.ThinkTime;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** on_failure, think time per transaction and think-time ranges, on the manual clock. */
class FlowControlTest extends FlowTestBase {
    /** Each send as "path@milliseconds" on the manual clock. */
    private final List<String> sends = Collections.synchronizedList(new ArrayList<>());

    private static Transaction tx(String name) {
        return Transaction.builder(name).get("/" + name).build();
    }

    /** Runs one user (launched at 1 s) to the end in 100 ms steps; {@code /b} fails the first time only. */
    private void run(RunConfig config, Long seed) {
        sends.clear();
        AtomicBoolean failed = new AtomicBoolean();
        EngineHarness[] self = new EngineHarness[1];
        h = new EngineHarness(users(), call -> {
            sends.add(call.request().path().substring(1) + "@" + self[0].clock.monotonicNanos() / 1_000_000);
            return ScriptedTransport.respond(call.request().path().equals("/b") && !failed.getAndSet(true) ? 500 : 200);
        }, seed);
        self[0] = h;
        h.stepToEnd(h.start(config), Duration.ofMillis(100));
    }

    @Test
    void restartIterationEndsTheIterationAtTheFirstFailedRequestAndTheNextBeginsAfterTheThinkTime() {
        // Stopped at 6 s, between two sends (a pause of 0.8 s never ends on a whole second here).
        run(config().users(1).hatchRate(1).durationSeconds(5).thinkTimeSeconds(0.8).scenario(Scenario.builder("s")
                .transaction(tx("a"), tx("b"), tx("c")).onFailure(OnFailure.RESTART_ITERATION).build()).build(), null);
        assertEquals(List.of("a@1000", "b@1800", "a@2600", "b@3400", "c@4200", "a@5000", "b@5800"), sends);
    }

    @Test
    void continueGoesOnWithTheNextTransactionAfterAFailure() {
        run(config().users(1).hatchRate(1).durationSeconds(3).thinkTimeSeconds(0.8).scenario(Scenario.builder("s")
                .transaction(tx("a"), tx("b"), tx("c")).build()).build(), null);
        assertEquals(List.of("a@1000", "b@1800", "c@2600", "a@3400"), sends);
    }

    @Test
    void aTransactionsOwnThinkTimeReplacesTheRunsAfterIt() {
        Transaction slow = Transaction.builder("slow").get("/slow").thinkTimeSeconds(2).build();
        run(config().users(1).hatchRate(1).durationSeconds(6).thinkTimeSeconds(0.5)
                .scenario(new Scenario("s", 1, List.of(slow, tx("fast")))).build(), null);
        assertEquals(List.of("slow@1000", "fast@3000", "slow@3500", "fast@5500", "slow@6000"), sends);
    }

    @Test
    void aThinkTimeRangeIsDrawnAfreshForEachWaitWithinItsBoundsAndRepeatsWithTheSeed() {
        RunConfig config = config().users(1).hatchRate(1).durationSeconds(30).thinkTime(ThinkTime.between(1, 3))
                .scenario(new Scenario("s", 1, List.of(tx("a")))).build();
        run(config, 7L);
        // A send due just as maintain ends (31 s) may or may not go out before the stop; leave it out.
        sends.removeIf(x -> at(x) == 31_000);
        List<Long> gaps = gaps();
        assertTrue(gaps.size() >= 9, "gaps " + gaps);
        for (long gap : gaps) {
            assertTrue(gap >= 1000 && gap <= 3100, "within [1 s, 3 s], to the 100 ms step: " + gaps);
        }
        assertTrue(new HashSet<>(gaps).size() >= 4, "drawn afresh for each wait: " + gaps);
        List<String> first = List.copyOf(sends);
        h.close();
        run(config, 7L);
        sends.removeIf(x -> at(x) == 31_000);
        assertEquals(first, sends, "the same seed, the same pauses");
    }

    private List<Long> gaps() {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < sends.size(); i++) {
            gaps.add(at(sends.get(i)) - at(sends.get(i - 1)));
        }
        return gaps;
    }

    private static long at(String send) {
        return Long.parseLong(send.substring(send.indexOf('@') + 1));
    }
}
