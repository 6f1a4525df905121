package io.maid.goose.bench;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.engine.metrics.IntervalAggregator;
import io.maid.goose.engine.metrics.LatencyRecorders;
import io.maid.goose.engine.metrics.RunLayout;
import io.maid.goose.engine.metrics.UserCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The once-a-second work of the metrics thread: {@link IntervalAggregator#collect}, which sums every user's
 * cumulative counters, drains each slot's interval histograms out of the latency stripe (one event loop's),
 * adds them into the run-long histograms and encodes them into the interval's key samples. Before each call, 1,000 latencies per slot are recorded (not timed), as a busy second would.
 *
 * <p>{@code users} × {@code transactions} sets the size of the work: counters are summed per user and
 * transaction, histograms swapped per transaction.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class IntervalSwapBenchmark {
    @Param({"50", "10000"})
    int users;

    @Param({"1", "10"})
    int transactions;

    private LatencyRecorders recorders;
    private IntervalAggregator aggregator;
    private final List<UserCounters> counters = new ArrayList<>();
    private long tick;

    @Setup(Level.Trial)
    public void setUp() {
        List<Transaction> txs = new ArrayList<>();
        for (int t = 0; t < transactions; t++) {
            txs.add(Transaction.of("t" + t, RequestSpec.of(HttpMethod.GET, "/" + t)));
        }
        RunLayout layout = new RunLayout(List.of(new Scenario("s", 1, txs)));
        recorders = LatencyRecorders.singleWriter(layout.slotCount());
        aggregator = new IntervalAggregator(layout, recorders);
        for (int u = 0; u < users; u++) {
            UserCounters c = new UserCounters(0, transactions);
            for (int t = 0; t < transactions; t++) {
                c.add(t, UserCounters.REQUESTS, 1);
                c.addStatus(t, 200);
            }
            counters.add(c);
        }
    }

    @Setup(Level.Invocation)
    public void recordASecondsWorth() {
        for (int slot = 0; slot < recorders.slots(); slot++) {
            for (int i = 0; i < 1000; i++) {
                long micros = 200 + ((tick++ * 7919) % 5000);
                recorders.stripe(0).record(slot, false, micros, 0);
            }
        }
        for (UserCounters c : counters) {
            c.add(0, UserCounters.REQUESTS, 1);
        }
    }

    @Benchmark
    public IntervalAggregator.Interval collectOneInterval() {
        return aggregator.collect(counters);
    }
}
