package io.maid.goose.bench;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.engine.metrics.LatencyRecorders;
import io.maid.goose.engine.metrics.UserCounters;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.ports.out.RequestOutcome;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

/**
 * What the engine does on the request path after each response: {@link UserMeter#record}, i.e. one write into
 * the user's {@link io.maid.goose.engine.metrics.LatencyStripe} (raw, into the OK or the failed histogram, and
 * corrected for coordinated omission, in one critical section), plus the user's own single-writer counters
 * and, for a failure, its error-sample ring.
 *
 * <p>{@code result}: {@code ok} answers 200; {@code failed} is a refused connect with the same message
 * every time, as a down target gives (the ring keeps it once, so later offers stop at the duplicate).
 *
 * <p>{@code latency}: {@code steady} records 300 µs every time (below the expected interval, so the
 * corrected histogram gets one value); {@code spread} draws from a long-tailed distribution around 500 µs
 * (1% of values 5-50 ms), so some requests make the corrected recorder back-fill synthetic samples, as a
 * closed-model user at think time 0 does under a real server.
 *
 * <p>{@code recordOneRequestTwoWriters} runs two threads, each the writer of its own stripe, as two event loops
 * are. {@code recordOneRequestTwoSharing} runs two threads in one shared stripe (the thread users' pool when two
 * users of the same stripe record at the same moment), the worst case of the thread users.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RecordingBenchmark {
    @State(Scope.Benchmark)
    public static class Run {
        final LatencyRecorders loops = LatencyRecorders.perLoop(1, 2);
        final LatencyRecorders pool = LatencyRecorders.forThreadUsers(1, 1);
        final AtomicInteger writers = new AtomicInteger();
    }

    @State(Scope.Thread)
    public static class User {
        @Param({"steady", "spread"})
        String latency;

        final RequestSpec request = RequestSpec.of(HttpMethod.GET, "/");
        @Param({"ok", "failed"})
        String result;

        RequestOutcome outcome;
        final long[] latencies = new long[4096];
        UserMeter meter;
        UserMeter sharing;
        int next;

        @Setup(Level.Trial)
        public void setUp(Run run) {
            outcome = result.equals("ok") ? RequestOutcome.response(200, 80, 160)
                    : RequestOutcome.failure(ErrorKind.CONNECT_REFUSED, 0, 0, "Connection refused");
            meter = new UserMeter(run.loops.stripeOfUser(run.writers.getAndIncrement()), new UserCounters(0, 1), 0, 0);
            sharing = new UserMeter(run.pool.stripe(0), new UserCounters(0, 1), 0, 0);
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < latencies.length; i++) {
                long micros;
                if (latency.equals("steady")) {
                    micros = 300;
                } else if (random.nextInt(100) == 0) {
                    micros = 5_000 + random.nextInt(45_000);
                } else {
                    micros = 200 + (long) (-300 * Math.log(1 - random.nextDouble()));
                }
                latencies[i] = micros * 1000;
            }
        }

        long nextLatencyNanos() {
            long value = latencies[next];
            next = (next + 1) & (latencies.length - 1);
            return value;
        }
    }

    @Benchmark
    public void recordOneRequest(User user) {
        user.meter.record(0, user.request, user.outcome, user.nextLatencyNanos());
    }

    @Benchmark
    @Threads(2)
    public void recordOneRequestTwoWriters(User user) {
        user.meter.record(0, user.request, user.outcome, user.nextLatencyNanos());
    }

    @Benchmark
    @Threads(2)
    public void recordOneRequestTwoSharing(User user) {
        user.sharing.record(0, user.request, user.outcome, user.nextLatencyNanos());
    }
}
