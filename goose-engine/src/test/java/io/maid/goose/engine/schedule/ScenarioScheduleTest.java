package io.maid.goose.engine.schedule;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.SchedulerKind;
import io.maid.goose.domain.Transaction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioScheduleTest {
    private static List<Scenario> weights(int... w) {
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            String name = String.valueOf((char) ('A' + i));
            out.add(new Scenario(name, w[i], List.of(Transaction.of(name, RequestSpec.of(HttpMethod.GET, "/")))));
        }
        return out;
    }

    private static List<Integer> sequence(SchedulerKind kind, int users, int... w) {
        return ScenarioSchedule.of(weights(w), kind, 7, users).sequence();
    }

    @Test
    void roundRobinTakesOneOfEachUntilItsCopiesRunOut() {
        assertEquals(List.of(0, 1, 0), sequence(SchedulerKind.ROUND_ROBIN, 100, 2, 1));
        assertEquals(List.of(0, 1, 0, 0), sequence(SchedulerKind.ROUND_ROBIN, 100, 3, 1));
        assertEquals(List.of(0, 1, 2, 0, 2, 2), sequence(SchedulerKind.ROUND_ROBIN, 100, 2, 1, 3));
    }

    @Test
    void serialTakesEveryCopyOfOneScenarioBeforeTheNext() {
        assertEquals(List.of(0, 0, 1), sequence(SchedulerKind.SERIAL, 100, 2, 1));
        assertEquals(List.of(0, 0, 0, 1), sequence(SchedulerKind.SERIAL, 100, 3, 1));
    }

    @Test
    void weightsAreDividedByTheirGreatestCommonDivisor() {
        assertEquals(sequence(SchedulerKind.ROUND_ROBIN, 100, 2, 1), sequence(SchedulerKind.ROUND_ROBIN, 100, 4, 2));
        assertEquals(sequence(SchedulerKind.SERIAL, 100, 3, 1), sequence(SchedulerKind.SERIAL, 100, 300, 100));
        assertEquals(List.of(0, 1), sequence(SchedulerKind.ROUND_ROBIN, 100, 6, 6));
    }

    @Test
    void userITakesTheSequenceCyclically() {
        ScenarioSchedule s = ScenarioSchedule.of(weights(2, 1), SchedulerKind.ROUND_ROBIN, 0, 7);
        assertEquals(List.of(0, 1, 0, 0, 1, 0, 0), IntStream.range(0, 7).map(s::scenarioFor).boxed().toList());
    }

    @Test
    void randomIsASeededShuffleOfTheWeightedCopies() {
        List<Integer> shuffled = sequence(SchedulerKind.RANDOM, 100, 5, 3, 2);
        assertEquals(shuffled, sequence(SchedulerKind.RANDOM, 100, 5, 3, 2), "same seed, same sequence");
        List<Integer> sorted = new ArrayList<>(shuffled);
        Collections.sort(sorted);
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 2, 2), sorted);
    }

    @Test
    void randomIsNotSerial() {
        Set<List<Integer>> seen = new HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            seen.add(ScenarioSchedule.of(weights(5, 3, 2), SchedulerKind.RANDOM, seed, 100).sequence());
        }
        assertTrue(seen.size() > 10, "20 seeds gave only " + seen.size() + " distinct orders");
    }

    @Test
    void onlyTheReachablePartOfAHugeSequenceIsBuilt() {
        ScenarioSchedule s = ScenarioSchedule.of(weights(1_000_000, 999_999), SchedulerKind.RANDOM, 3, 50);
        assertEquals(1_999_999, s.fullLength());
        assertEquals(50, s.sequence().size());
        assertEquals(50, ScenarioSchedule.of(weights(1_000_000, 1), SchedulerKind.ROUND_ROBIN, 3, 50).sequence().size());
        assertEquals(List.of(0, 1, 0, 0), ScenarioSchedule.of(weights(1_000_000, 1), SchedulerKind.ROUND_ROBIN, 3, 4).sequence());
    }
}
