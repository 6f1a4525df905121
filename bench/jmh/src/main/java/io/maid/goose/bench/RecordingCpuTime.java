package io.maid.goose.bench;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.engine.metrics.LatencyRecorders;
import io.maid.goose.engine.metrics.UserCounters;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.ports.out.RequestOutcome;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;

/**
 * The cost of {@link UserMeter#record} in CPU time per request and per writer thread, for a machine too busy for
 * JMH's wall-clock figures: a writer that the OS deschedules is not charged for the time it waits, so the
 * figure holds under load. (What it cannot show under load is contention that needs both writers on a core at
 * once: read it together with the wall-clock figure and the overlap, the writers' CPU time ÷ the wall time.)
 *
 * <p>Usage: {@code java -cp bench/jmh/target/benchmarks.jar io.maid.goose.bench.RecordingCpuTime WRITERS
 * steady|spread own|shared [MILLIONS]}: {@code own} gives each writer its own stripe (event loops),
 * {@code shared} puts them in one shared stripe (thread users of one stripe).
 */
public final class RecordingCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int writers = Integer.parseInt(args[0]);
        boolean spread = args[1].equals("spread");
        boolean own = args[2].equals("own");
        long ops = (args.length > 3 ? Long.parseLong(args[3]) : 20) * 1_000_000L;
        LatencyRecorders recorders = own ? LatencyRecorders.perLoop(1, writers) : LatencyRecorders.forThreadUsers(1, 1);
        long[] latencies = latencies(spread);
        CyclicBarrier start = new CyclicBarrier(writers);
        long[][] result = new long[writers][];
        Thread[] threads = new Thread[writers];
        for (int w = 0; w < writers; w++) {
            int id = w;
            UserMeter meter = new UserMeter(recorders.stripe(own ? w : 0), new UserCounters(0, 1), 0, 0);
            threads[w] = Thread.ofPlatform().name("writer-" + w).start(() -> result[id] = write(meter, latencies, ops, start));
        }
        for (Thread t : threads) {
            t.join();
        }
        long cpu = 0;
        long wall = 0;
        for (long[] r : result) {
            cpu += r[0];
            wall = Math.max(wall, r[1]);
        }
        System.out.printf(Locale.ROOT, "writers=%d latency=%s stripes=%s: %.1f CPU-ns/request, %.1f wall-ns/request per writer,"
                        + " overlap %.2f (of %d)%n", writers, args[1], args[2], (double) cpu / (ops * writers),
                (double) wall / ops, (double) cpu / wall, writers);
    }

    private static long[] write(UserMeter meter, long[] latencies, long ops, CyclicBarrier start) {
        RequestSpec request = RequestSpec.of(HttpMethod.GET, "/");
        RequestOutcome ok = RequestOutcome.response(200, 80, 160);
        int mask = latencies.length - 1;
        for (int i = 0; i < 5_000_000; i++) {
            meter.record(0, request, ok, latencies[i & mask]);
        }
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (long i = 0; i < ops; i++) {
            meter.record(0, request, ok, latencies[(int) i & mask]);
        }
        return new long[] {THREADS.getCurrentThreadCpuTime() - cpu0, System.nanoTime() - wall0};
    }

    /** As {@link RecordingBenchmark}: 300 µs every time, or long-tailed around 500 µs with 1 % at 5-50 ms. */
    private static long[] latencies(boolean spread) {
        SplittableRandom random = new SplittableRandom(42);
        long[] latencies = new long[4096];
        for (int i = 0; i < latencies.length; i++) {
            long micros;
            if (!spread) {
                micros = 300;
            } else if (random.nextInt(100) == 0) {
                micros = 5_000 + random.nextInt(45_000);
            } else {
                micros = 200 + (long) (-300 * Math.log(1 - random.nextDouble()));
            }
            latencies[i] = micros * 1000;
        }
        return latencies;
    }
}
