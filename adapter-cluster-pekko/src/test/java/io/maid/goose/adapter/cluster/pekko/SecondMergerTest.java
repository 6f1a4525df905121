package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.sample.IntervalSample;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecondMergerTest {
    private static final long GRACE = 2_000_000_000L;
    private final HdrSampleMath math = new HdrSampleMath();
    private final List<IntervalSample> merged = new ArrayList<>();
    private final SecondMerger merger = new SecondMerger(math, "cluster", new LinkedHashSet<>(List.of("w0", "w1", "w2")),
            GRACE, merged::add);

    private static IntervalSample sample(String worker, long second, long... micros) {
        return Samples.of("run", worker, second, micros);
    }

    @Test
    void aSecondIsMergedOnceEveryWorkerHasSentIt() {
        merger.offer(sample("w0", 1, 100), 0);
        merger.offer(sample("w1", 1, 200), 0);
        assertEquals(0, merged.size());

        merger.offer(sample("w2", 1, 300), 0);

        assertEquals(1, merged.size());
        assertEquals(3, Samples.requests(merged.get(0)));
        assertEquals(3, merged.get(0).activeUsers());
    }

    @Test
    void theMergedPercentilesAreThoseOfTheUnionOfTheWorkersValues() {
        long[][] values = {{120, 130, 5_000, 7}, {900, 901, 902}, {40_000, 1, 2, 3, 4, 5}};
        Histogram union = HdrSampleMath.histogram();
        for (int w = 0; w < 3; w++) {
            merger.offer(sample("w" + w, 1, values[w]), 0);
            for (long v : values[w]) {
                union.recordValue(v);
            }
        }

        var snapshot = math.snapshot(merged.get(0));
        assertEquals(HdrSampleMath.ms(union, 50), snapshot.latencyP50Ms());
        assertEquals(HdrSampleMath.ms(union, 99), snapshot.latencyP99Ms());
    }

    @Test
    void aSecondAWorkerHasNotSentWaitsForTheGraceThenGoesOnWithoutIt() {
        merger.offer(sample("w0", 1, 100), 0);
        merger.offer(sample("w1", 1, 100), 0);

        merger.tick(GRACE - 1);
        assertEquals(0, merged.size());
        merger.tick(GRACE);
        assertEquals(1, merged.size());
        assertEquals(2, Samples.requests(merged.get(0)));
    }

    @Test
    void aSampleForASecondAlreadyMergedIsCountedLateAndStaysInTheTotals() {
        merger.offer(sample("w0", 1, 100), 0);
        merger.offer(sample("w1", 1, 100), 0);
        merger.tick(GRACE);

        merger.offer(sample("w2", 1, 100, 200), GRACE + 1);

        assertEquals(1, merger.lateSamples());
        assertEquals(4, Samples.requests(merger.total()));
        assertEquals(Map.of("w0", 1L, "w1", 1L, "w2", 2L), merger.requestsBySource());
    }

    @Test
    void aLateSampleOfAnEarlierSecondJoinsTheTotalsAndTheLaterSecondsStillMerge() {
        for (long second = 1; second <= 4; second++) {
            merger.offer(sample("w0", second, 100), 0);
            merger.offer(sample("w1", second, 100), 0);
            if (second != 2) {
                merger.offer(sample("w2", second, 100), 0);
            }
        }
        merger.tick(GRACE);
        assertEquals(List.of(1L, 2L, 3L, 4L), merged.stream().map(IntervalSample::second).toList());

        merger.offer(sample("w2", 2, 100, 200, 300), GRACE + 1);
        for (String w : List.of("w0", "w1", "w2")) {
            merger.offer(sample(w, 5, 100), GRACE + 2);
        }

        assertEquals(1, merger.lateSamples());
        assertEquals(5, merged.size());
        assertEquals(5, merger.total().second());
        assertEquals(3 + 2 + 3 + 3 + 3 + 3, Samples.requests(merger.total()));
        assertEquals(Map.of("w0", 5L, "w1", 5L, "w2", 7L), merger.requestsBySource());
    }

    @Test
    void aLostWorkerIsNoLongerWaitedFor() {
        merger.offer(sample("w0", 1, 100), 0);
        merger.offer(sample("w1", 1, 100), 0);

        merger.lost("w2", 1);

        assertEquals(1, merged.size());
    }

    @Test
    void aWorkerThatEndedIsNotWaitedForPastItsLastSecond() {
        merger.ended("w2", 1, 0);
        for (String w : List.of("w0", "w1", "w2")) {
            merger.offer(sample(w, 1, 100), 0);
        }
        merger.offer(sample("w0", 2, 100), 0);
        merger.offer(sample("w1", 2, 100), 0);

        assertEquals(2, merged.size());
    }

    @Test
    void aCompleteSecondWaitsForTheIncompleteOneBeforeIt() {
        merger.offer(sample("w0", 1, 100), 0);
        for (String w : List.of("w0", "w1", "w2")) {
            merger.offer(sample(w, 2, 100), 0);
        }
        assertEquals(0, merged.size());

        merger.tick(GRACE);

        assertEquals(List.of(1L, 2L), merged.stream().map(IntervalSample::second).toList());
    }

    @Test
    void flushHandsOnEverySecondStillPending() {
        merger.offer(sample("w0", 1, 100), 0);
        merger.offer(sample("w0", 2, 100), 0);

        merger.flush();

        assertEquals(List.of(1L, 2L), merged.stream().map(IntervalSample::second).toList());
        assertEquals(2, Samples.requests(merger.total()));
        assertEquals(Set.of("cluster"), Set.copyOf(merged.stream().map(IntervalSample::source).toList()));
    }
}
