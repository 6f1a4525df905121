package io.maid.goose.engine.shape;

import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.RunPhase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrivalScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    private static List<Long> all(ArrivalSchedule s) {
        List<Long> out = new ArrayList<>();
        for (long t = s.next(); t >= 0; t = s.next()) {
            out.add(t);
        }
        return out;
    }

    private static long[] perSecond(List<Long> offsets, int seconds) {
        long[] counts = new long[seconds];
        offsets.forEach(t -> counts[(int) Math.min(seconds - 1, t / SECOND)]++);
        return counts;
    }

    @Test
    void aConstantRatePutsExactlyThatManyArrivalsInEverySecond() {
        ArrivalSchedule s = new ArrivalSchedule(new LoadPlan.Arrival(1000, List.of(new LoadPlan.RateStage(1000, 10)), 0, 10));

        List<Long> offsets = all(s);

        assertEquals(10_000, offsets.size());
        for (long n : perSecond(offsets, 10)) {
            assertEquals(1000, n);
        }
        assertEquals(500_000, offsets.get(0), "half an interval after the start");
    }

    @Test
    void aRampFromZeroPlansTheAreaUnderTheRate() {
        ArrivalSchedule s = new ArrivalSchedule(new LoadPlan.Arrival(0, List.of(new LoadPlan.RateStage(100, 10)), 0, 10));

        List<Long> offsets = all(s);

        assertEquals(500, offsets.size());
        assertEquals(500, s.plannedArrivals());
        long[] counts = perSecond(offsets, 10);
        for (int i = 0; i < 10; i++) {
            assertEquals(10 * i + 5, counts[i], 1, "second " + i);
        }
        for (int i = 1; i < offsets.size(); i++) {
            assertTrue(offsets.get(i) >= offsets.get(i - 1));
        }
    }

    @Test
    void stagesChainTheirRatesAndNameTheirPhases() {
        ArrivalSchedule s = new ArrivalSchedule(new LoadPlan.Arrival(10, List.of(new LoadPlan.RateStage(10, 2),
                new LoadPlan.RateStage(30, 2), new LoadPlan.RateStage(0, 1)), 0, 10));

        assertEquals(20 + 40 + 15, all(s).size());
        assertEquals(List.of(RunPhase.MAINTAIN, RunPhase.INCREASE, RunPhase.DECREASE),
                List.of(s.phaseOf(0), s.phaseOf(1), s.phaseOf(2)));
        assertEquals(20, s.rateAt(3 * SECOND), 1e-9);
        assertEquals(5 * SECOND, s.plannedNanos());
    }

    /** The plan's rates divided by {@code count}, as a distributed run's segment has them. */
    private static LoadPlan.Arrival divided(LoadPlan.Arrival plan, int count) {
        List<LoadPlan.RateStage> stages = new ArrayList<>();
        plan.stages().forEach(st -> stages.add(new LoadPlan.RateStage(st.ratePerSecond() / count, st.overSeconds())));
        return new LoadPlan.Arrival(plan.startRatePerSecond() / count, stages, 0, 10);
    }

    @Test
    void segmentsWithDividedRatesAndTheirPhasesInterleaveIntoTheWholePlansArrivals() {
        LoadPlan.Arrival plan = new LoadPlan.Arrival(7, List.of(new LoadPlan.RateStage(31, 9),
                new LoadPlan.RateStage(31, 5), new LoadPlan.RateStage(3, 7)), 0, 10);
        List<Long> whole = all(new ArrivalSchedule(plan));
        for (int count : new int[]{2, 3, 7}) {
            List<Long> union = new ArrayList<>();
            long planned = 0;
            for (int index = 0; index < count; index++) {
                ArrivalSchedule segment = new ArrivalSchedule(divided(plan, count), (index + 0.5) / count);
                List<Long> mine = all(segment);
                planned += segment.plannedArrivals();
                for (int k = 0; k < mine.size(); k++) {
                    // its k-th arrival is the whole plan's arrival index + k * count
                    assertEquals(whole.get(index + k * count), mine.get(k), 1000.0, count + " segments: segment "
                            + index + ", arrival " + k);
                }
                union.addAll(mine);
            }
            assertEquals(whole.size(), union.size(), count + " segments together have the plan's arrivals");
            assertEquals(new ArrivalSchedule(plan).plannedArrivals(), planned);
        }
    }

    @Test
    void aPhaseOutsideTheUnitIntervalIsRefused() {
        LoadPlan.Arrival plan = new LoadPlan.Arrival(1, List.of(new LoadPlan.RateStage(1, 1)), 0, 1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ArrivalSchedule(plan, 1));
    }
}
