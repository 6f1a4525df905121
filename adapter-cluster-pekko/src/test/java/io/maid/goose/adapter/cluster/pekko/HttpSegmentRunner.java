package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import io.maid.goose.ports.in.StartRunCommand;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster tests' load generator behind the {@link SegmentRunner} seam (app wires the engine's): real HTTP
 * requests from virtual-thread users, launched at the segment's hatch rate, each running its scenario's transactions
 * in turn with the think time, for the maintain length; every completed request is recorded, raw, into the current
 * second's histogram of its request key, and each second becomes one {@link IntervalSample}. A stop ends the users
 * after their request in flight, so every request the target answered is in exactly one sample.
 */
final class HttpSegmentRunner implements SegmentRunner {
    /** Every raw latency this runner recorded, per run: the union the merged percentiles are checked against. */
    final Map<String, Histogram> recorded = new ConcurrentHashMap<>();
    /** The place in its run each segment started here was given. */
    final Map<String, StartRunCommand.Segment> parts = new ConcurrentHashMap<>();
    /** The runs whose segment has ended here. */
    final java.util.Set<String> ended = ConcurrentHashMap.newKeySet();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Segment start(String runId, RunConfig config, StartRunCommand.Segment part, Listener listener) {
        parts.put(runId, part);
        Scenario scenario = config.scenarios().get(0);
        Map<StatsKey, Histogram> current = new LinkedHashMap<>();
        Map<StatsKey, long[]> counts = new LinkedHashMap<>();
        Histogram all = HdrSampleMath.histogram();
        recorded.put(runId, all);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger active = new AtomicInteger();
        AtomicLong total = new AtomicLong();
        CountDownLatch usersDone = new CountDownLatch(config.users());
        long startNanos = System.nanoTime();
        long maintainEnd = startNanos + (long) (config.users() / config.hatchRate() * 1e9) + config.duration().seconds() * 1_000_000_000L;
        Runnable user = () -> {
            active.incrementAndGet();
            try {
                while (!stop.get() && System.nanoTime() < maintainEnd) {
                    for (Transaction t : scenario.transactions()) {
                        if (stop.get()) {
                            break;
                        }
                        StatsKey key = StatsKey.request(t.http().method(), scenario.name(), t.name());
                        URI uri = URI.create(config.baseUrlWithoutSlash() + t.http().constantRequest().path());
                        long begin = System.nanoTime();
                        boolean ok;
                        try {
                            ok = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode() < 400;
                        } catch (java.io.IOException e) {
                            ok = false;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        long micros = Math.max(1, (System.nanoTime() - begin) / 1000);
                        synchronized (current) {
                            current.computeIfAbsent(key, k -> HdrSampleMath.histogram()).recordValue(micros);
                            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
                            c[0]++;
                            c[1] += ok ? 0 : 1;
                            all.recordValue(micros);
                        }
                        total.incrementAndGet();
                        sleep(t.thinkTime() != null ? t.thinkTime().minSeconds() : config.thinkTime().minSeconds());
                    }
                }
            } finally {
                active.decrementAndGet();
                usersDone.countDown();
            }
        };
        Thread.ofPlatform().daemon().name("segment-" + runId).start(() -> {
            List<Thread> users = new ArrayList<>();
            for (int i = 0; i < config.users() && !stop.get(); i++) {
                users.add(Thread.ofVirtual().start(user));
                sleep(1 / config.hatchRate());
            }
            for (int i = users.size(); i < config.users(); i++) {
                usersDone.countDown();
            }
            long second = 0;
            long intervalStart = startNanos;
            while (true) {
                boolean done;
                try {
                    done = usersDone.await(Math.max(0, intervalStart + 1_000_000_000L - System.nanoTime()),
                            java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                listener.sample(sample(runId, ++second, (now - startNanos) / 1e9, (now - intervalStart) / 1e9,
                        done ? RunPhase.SHUTDOWN : RunPhase.MAINTAIN, active.get(), current, counts));
                intervalStart = now;
                if (done) {
                    break;
                }
            }
            StatsRow row = new StatsRow(StatsKey.total(), total.get(), 0, 0, null, null, null, null, Map.of(), Map.of(),
                    Map.of(), 0, 0);
            ended.add(runId);
            listener.ended(new RunSummary(runId, stop.get() ? RunState.CANCELLED : RunState.COMPLETED, Instant.now(),
                    Instant.now(), (System.nanoTime() - startNanos) / 1e9, 0, config, List.of(), List.of(), List.of(),
                    List.of(), row, List.of(), 0, new LatencyHistograms("", "", "", ""), null, null));
        });
        return new Segment() {
            @Override
            public void stop() {
                stop.set(true);
            }

            @Override
            public long plannedSeconds() {
                return (long) Math.ceil(config.users() / config.hatchRate()) + config.duration().seconds();
            }
        };
    }

    private static IntervalSample sample(String runId, long second, double elapsed, double interval, RunPhase phase,
                                         int users, Map<StatsKey, Histogram> current, Map<StatsKey, long[]> counts) {
        List<KeySample> keys = new ArrayList<>();
        synchronized (current) {
            for (Map.Entry<StatsKey, Histogram> e : current.entrySet()) {
                long[] c = counts.get(e.getKey());
                EncodedHistogram h = HdrSampleMath.encode(e.getValue());
                keys.add(new KeySample(e.getKey(), c[0], c[1], 0, 0, Map.of(200, c[0] - c[1]), Map.of(), h,
                        EncodedHistogram.EMPTY, h));
            }
            current.clear();
            counts.clear();
        }
        return new IntervalSample(runId, IntervalSample.LOCAL, second, Instant.now(), elapsed, interval, phase, users, -1, -1,
                keys, List.of(), List.of(), 0, EncodedHistogram.EMPTY);
    }

    private static void sleep(double seconds) {
        if (seconds <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos((long) (seconds * 1e9)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
