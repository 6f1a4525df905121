package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.ports.in.InvalidRunConfigException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How staged and open plans are split over workers: the sums, property-style over random plans and worker counts. */
class SegmentPlansTest {
    private static final int PLANS = 400;

    private static RunConfig with(LoadPlan plan) {
        return RunConfig.builder("http://127.0.0.1:8080").load(plan).get("home", "/").build();
    }

    private static LoadPlan.Stages randomStages(SplittableRandom r) {
        List<LoadPlan.Stage> stages = new ArrayList<>();
        int count = 1 + r.nextInt(8);
        for (int i = 0; i < count; i++) {
            stages.add(new LoadPlan.Stage(r.nextInt(0, 5000), 1 + r.nextInt(120)));
        }
        stages.add(new LoadPlan.Stage(1 + r.nextInt(5000), 1 + r.nextInt(60))); // reaches at least one user
        if (r.nextBoolean()) {
            stages.add(new LoadPlan.Stage(0, r.nextBoolean() ? 0 : 10)); // a drop at the end, instant or not
        }
        return new LoadPlan.Stages(stages);
    }

    private static LoadPlan.Arrival randomArrival(SplittableRandom r) {
        List<LoadPlan.RateStage> stages = new ArrayList<>();
        int count = 1 + r.nextInt(8);
        for (int i = 0; i < count; i++) {
            stages.add(new LoadPlan.RateStage(r.nextBoolean() ? r.nextInt(0, 20000) : r.nextDouble() * 500, 1 + r.nextInt(120)));
        }
        int max = 1 + r.nextInt(20000);
        return new LoadPlan.Arrival(1 + r.nextDouble() * 100, stages, r.nextInt(0, max + 1), max);
    }

    private static int workersFor(SplittableRandom r, int peak) {
        return 1 + r.nextInt(Math.min(peak, 64));
    }

    private static void assertSumsTo(double expected, double sum, int n, String what) {
        // the rates are the plan's divided by n: their sum is the plan's to within floating-point rounding
        assertEquals(expected, sum, 4 * n * Math.ulp(Math.max(1, expected)), what);
    }

    @Test
    void everyStagesUsersAddUpOverTheWorkersAndEveryWorkerKeepsTheStageLengths() {
        SplittableRandom r = new SplittableRandom(16);
        for (int p = 0; p < PLANS; p++) {
            LoadPlan.Stages plan = randomStages(r);
            int n = workersFor(r, plan.peakUsers());
            List<RunConfig> segments = Segments.split(with(plan), n);

            assertEquals(n, segments.size());
            for (int i = 0; i < plan.stages().size(); i++) {
                int sum = 0;
                for (int w = 0; w < n; w++) {
                    LoadPlan.Stage mine = ((LoadPlan.Stages) segments.get(w).load()).stages().get(i);
                    assertEquals(plan.stages().get(i).overSeconds(), mine.overSeconds(), "plan " + p + " stage " + i);
                    sum += mine.users();
                }
                assertEquals(plan.stages().get(i).users(), sum, "plan " + p + " over " + n + " workers, stage " + i);
            }
            int peaks = 0;
            for (RunConfig s : segments) {
                assertTrue(s.users() >= 1, "every worker runs at least one user at its peak");
                assertEquals(plan.plannedSeconds(), s.load().plannedSeconds(), "the same length on every worker");
                peaks += s.users();
            }
            assertEquals(plan.peakUsers(), peaks, "the workers' peaks add up to the plan's");
        }
    }

    @Test
    void everyRateAndThePoolAddUpOverTheWorkers() {
        SplittableRandom r = new SplittableRandom(61);
        for (int p = 0; p < PLANS; p++) {
            LoadPlan.Arrival plan = randomArrival(r);
            int n = workersFor(r, plan.maxUsers());
            List<LoadPlan.Arrival> parts = Segments.split(with(plan), n).stream()
                    .map(s -> assertInstanceOf(LoadPlan.Arrival.class, s.load())).toList();

            assertSumsTo(plan.startRatePerSecond(), parts.stream().mapToDouble(LoadPlan.Arrival::startRatePerSecond).sum(),
                    n, "plan " + p + ": start rate");
            for (int i = 0; i < plan.stages().size(); i++) {
                int stage = i;
                assertSumsTo(plan.stages().get(i).ratePerSecond(),
                        parts.stream().mapToDouble(a -> a.stages().get(stage).ratePerSecond()).sum(), n,
                        "plan " + p + " over " + n + " workers, stage " + i);
                parts.forEach(a -> assertEquals(plan.stages().get(stage).overSeconds(), a.stages().get(stage).overSeconds()));
            }
            assertEquals(plan.preAllocatedUsers(), parts.stream().mapToInt(LoadPlan.Arrival::preAllocatedUsers).sum());
            assertEquals(plan.maxUsers(), parts.stream().mapToInt(LoadPlan.Arrival::maxUsers).sum());
            parts.forEach(a -> assertTrue(a.maxUsers() >= 1 && a.preAllocatedUsers() <= a.maxUsers(), a.toString()));
        }
    }

    @Test
    void theOpenModelsThroughputCapIsDividedLikeItsRates() {
        LoadPlan.Arrival plan = new LoadPlan.Arrival(0, List.of(new LoadPlan.RateStage(90, 10)), 0, 30);
        RunConfig config = RunConfig.builder("http://127.0.0.1:8080").load(plan).throughputCapRps(90.0).get("home", "/")
                .build();

        assertEquals(List.of(30.0, 30.0, 30.0), Segments.split(config, 3).stream().map(RunConfig::throughputCapRps).toList());
    }

    @Test
    void aStagedSplitFollowsUserIModN() {
        LoadPlan.Stages plan = new LoadPlan.Stages(List.of(new LoadPlan.Stage(10, 5), new LoadPlan.Stage(4, 5),
                new LoadPlan.Stage(0, 0)));

        List<List<Integer>> users = Segments.split(with(plan), 3).stream()
                .map(s -> ((LoadPlan.Stages) s.load()).stages().stream().map(LoadPlan.Stage::users).toList()).toList();

        assertEquals(List.of(List.of(4, 2, 0), List.of(3, 1, 0), List.of(3, 1, 0)), users);
    }

    @Test
    void theShorthandStaysTheShorthand() {
        RunConfig shorthand = RunConfig.builder("http://127.0.0.1:8080").users(10).hatchRate(5).get("home", "/").build();

        Segments.split(shorthand, 3).forEach(s -> assertTrue(s.isShorthand()));
    }

    @Test
    void moreWorkersThanTheOpenPoolIsRefusedNamingMaxUsers() {
        LoadPlan.Arrival plan = new LoadPlan.Arrival(0, List.of(new LoadPlan.RateStage(90, 10)), 0, 2);

        InvalidRunConfigException e = assertThrows(InvalidRunConfigException.class, () -> Segments.split(with(plan), 3));
        assertEquals("/distribution/workers", e.violations().get(0).pointer());
        assertTrue(e.violations().get(0).message().contains("max_users"), e.violations().get(0).message());
    }
}
