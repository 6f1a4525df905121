package io.maid.goose.engine;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.IntervalSampleEvent;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import io.maid.goose.domain.sample.SampleTotals;
import io.maid.goose.engine.metrics.EncodedHistograms;
import io.maid.goose.engine.metrics.HdrIntervalSampleMath;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.maid.goose.engine.MeasuredRun.backToBack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's interval samples: one per second, the per-second figures reduced from them, and the run's totals
 * equal to their sum.
 */
class IntervalSamplesTest {
    private final HdrIntervalSampleMath math = new HdrIntervalSampleMath();

    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    /** Two scenarios, three request keys; latencies of 1 to 3 ms, every 7th request a 503, every 11th a reset. */
    private MeasuredRun run() {
        Scenario browse = new Scenario("browse", 2, List.of(Transaction.of("home", RequestSpec.of(HttpMethod.GET, "/")),
                Transaction.of("page", RequestSpec.of(HttpMethod.GET, "/page"))));
        Scenario api = new Scenario("api", 1, List.of(Transaction.of("post", RequestSpec.of(HttpMethod.POST, "/api"))));
        return MeasuredRun.of(users(), backToBack(3).scenario(browse).scenario(api).build(), 6000, call -> {
            long n = call.callNumber();
            Duration latency = Duration.ofMillis(1 + n % 3);
            if (n % 11 == 5) {
                return ScriptedTransport.fail(io.maid.goose.domain.ErrorKind.CONNECTION_RESET, latency);
            }
            return ScriptedTransport.respond(n % 7 == 3 ? 503 : 200, latency, 120, 900);
        });
    }

    @Test
    void runTotalsEqualTheAccumulatedSamples() {
        MeasuredRun r = run();
        RunSummary summary = r.summary();
        IntervalSample total = null;
        for (IntervalSample s : r.h().events.samples()) {
            total = math.accumulate(total, s);
        }

        SampleTotals t = math.totals(total, summary.durationSeconds());

        assertTrue(summary.total().count() > 6000, "the run measured " + summary.total().count());
        assertEquals(withoutMessages(summary.requests()), t.requests());
        assertEquals(withoutMessages(summary.transactions()), t.transactions());
        assertEquals(withoutMessages(summary.scenarios()), t.scenarios());
        assertEquals(withoutMessages(List.of(summary.total())), List.of(t.total()));
        assertEquals(decoded(summary.histograms().ok()), decoded(t.histograms().ok()));
        assertEquals(decoded(summary.histograms().failed()), decoded(t.histograms().failed()));
        assertEquals(decoded(summary.histograms().all()), decoded(t.histograms().all()));
        assertEquals(decoded(summary.histograms().corrected()), decoded(t.histograms().corrected()));
        assertEquals(summary.durationSeconds(), total.intervalSeconds(), 1e-6, "the samples cover the run");
    }

    @Test
    void eachSnapshotIsTheReductionOfTheSamplePublishedJustBeforeIt() {
        MeasuredRun r = run();
        List<RunEvent> events = r.h().events.events();
        int pairs = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof IntervalSampleEvent e) {
                MetricsSnapshot m = assertInstanceOf(MetricsSnapshot.class, events.get(i + 1));
                assertEquals(math.snapshot(e.sample()), m, "second " + e.sample().second());
                pairs++;
            }
        }
        assertEquals(r.timeline().size(), pairs, "a sample for every snapshot");
        assertTrue(pairs >= 2, pairs + " intervals");
    }

    @Test
    void samplesAreNumberedFromOneAndListEveryRequestKeyInOrder() {
        MeasuredRun r = run();
        List<IntervalSample> samples = r.h().events.samples();
        List<StatsKey> keys = r.summary().requests().stream().map(StatsRow::key).toList();
        for (int i = 0; i < samples.size(); i++) {
            IntervalSample s = samples.get(i);
            assertEquals(i + 1, s.second());
            assertEquals(IntervalSample.LOCAL, s.source());
            assertEquals(r.summary().runId(), s.runId());
            assertEquals(keys, s.keys().stream().map(KeySample::key).toList());
            assertEquals(0, s.droppedIterations());
            assertEquals(EncodedHistogram.EMPTY, s.tlsHandshakes());
        }
        assertEquals(r.summary().total().count(), samples.stream().flatMap(s -> s.keys().stream())
                .mapToLong(KeySample::requests).sum());
    }

    private static List<StatsRow> withoutMessages(List<StatsRow> rows) {
        return rows.stream().map(x -> new StatsRow(x.key(), x.count(), x.failures(), x.rps(), x.latency(),
                x.failedLatency(), x.allLatency(), x.corrected(), x.statusCodes(), x.errors(), Map.of(), x.bytesSent(),
                x.bytesReceived())).toList();
    }

    private static org.HdrHistogram.Histogram decoded(String base64) {
        return EncodedHistograms.decode(EncodedHistogram.ofBase64(base64));
    }
}
