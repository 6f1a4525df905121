package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.Distribution;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.TlsHandshakeStats;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.testkit.ManualClock;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A distributed run's summary carries the TLS handshakes of every worker's samples, merged exactly. */
class ClusterRunHandshakesTest {
    private static final RunConfig CONFIG = RunConfig.builder("https://127.0.0.1:8443").users(2).hatchRate(2)
            .durationSeconds(1).get("home", "/").distribution(Distribution.workers(2)).build();

    private static IntervalSample withHandshakes(IntervalSample s, long... micros) {
        Histogram h = HdrSampleMath.histogram();
        for (long m : micros) {
            h.recordValue(m);
        }
        return new IntervalSample(s.runId(), s.source(), s.second(), s.timestamp(), s.elapsedSeconds(),
                s.intervalSeconds(), s.phase(), s.activeUsers(), s.cpuUsage(), s.ramUsage(), s.keys(), s.checks(),
                s.skipped(), s.droppedIterations(), HdrSampleMath.encode(h));
    }

    private static RunSummary summaryOf(List<IntervalSample> samples) {
        ClusterRun run = new ClusterRun("run", CONFIG, List.of("a", "b"), new HdrSampleMath(), 0, new ManualClock(),
                Long.MAX_VALUE, event -> { }, why -> { });
        for (IntervalSample s : samples) {
            run.sample(s);
        }
        for (String worker : List.of("a", "b")) {
            long requests = samples.stream().filter(s -> s.source().equals(worker)).mapToLong(Samples::requests).sum();
            run.ended(worker, "completed", null, 2, 0, requests);
        }
        return run.completion().getNow(null);
    }

    @Test
    void theSummarysHandshakesAreTheUnionOfTheWorkersHandshakes() {
        RunSummary summary = summaryOf(List.of(
                withHandshakes(Samples.of("run", "a", 1, 900, 1_000), 2_100, 3_300),
                withHandshakes(Samples.of("run", "b", 1, 800), 45_000),
                withHandshakes(Samples.of("run", "a", 2, 700), 1_700)));
        Histogram union = HdrSampleMath.histogram();
        for (long m : new long[] {2_100, 3_300, 45_000, 1_700}) {
            union.recordValue(m);
        }

        assertEquals(new TlsHandshakeStats(4, HdrSampleMath.stats(union)), summary.tlsHandshakes());
    }

    @Test
    void aDistributedRunWithoutHandshakesHasNone() {
        RunSummary summary = summaryOf(List.of(Samples.of("run", "a", 1, 900), Samples.of("run", "b", 1, 800)));

        assertEquals(TlsHandshakeStats.NONE, summary.tlsHandshakes());
    }
}
