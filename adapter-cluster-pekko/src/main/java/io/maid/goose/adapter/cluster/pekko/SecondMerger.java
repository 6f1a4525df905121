package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import io.maid.goose.ports.in.IntervalSampleMath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The coordinator's per-second merge of its workers' interval samples. A second is merged, exactly (through
 * {@link IntervalSampleMath#merge}), and handed on in order once every worker still expected to send it has, or
 * once {@code graceNanos} have passed since its first sample arrived, whichever comes first. A sample that arrives
 * after its second was handed on is counted as late; it is still part of the run's totals, so the totals hold every
 * request the workers measured, whenever its sample came.
 *
 * <p>Time is passed in (monotonic nanoseconds), so tests drive it. Thread-safe.
 */
public final class SecondMerger {
    private final IntervalSampleMath math;
    private final String source;
    private final long graceNanos;
    private final Consumer<IntervalSample> onMerged;
    private final Set<String> expected = new HashSet<>();
    /** A source that ended sends nothing after its last second. */
    private final Map<String, Long> lastSecond = new HashMap<>();
    private final TreeMap<Long, Map<String, IntervalSample>> pending = new TreeMap<>();
    private final Map<Long, Long> firstArrival = new HashMap<>();
    private final Map<String, Long> requestsBySource = new LinkedHashMap<>();
    private long lastEmitted;
    private long lateSamples;
    private IntervalSample total;

    /**
     * @param source   the merged samples' source name
     * @param sources  the workers whose samples are expected
     * @param onMerged receives each merged second, in order, on the thread that completed it
     */
    public SecondMerger(IntervalSampleMath math, String source, Set<String> sources, long graceNanos,
                        Consumer<IntervalSample> onMerged) {
        this.math = math;
        this.source = source;
        this.graceNanos = graceNanos;
        this.onMerged = onMerged;
        this.expected.addAll(sources);
        sources.forEach(s -> requestsBySource.put(s, 0L));
    }

    public void offer(IntervalSample sample, long nowNanos) {
        List<IntervalSample> ready;
        synchronized (this) {
            requestsBySource.merge(sample.source(), requests(sample), Long::sum);
            if (sample.second() <= lastEmitted) {
                lateSamples++;
                total = withLate(total, sample);
                return;
            }
            pending.computeIfAbsent(sample.second(), s -> new LinkedHashMap<>()).put(sample.source(), sample);
            firstArrival.putIfAbsent(sample.second(), nowNanos);
            ready = drain(nowNanos, false);
        }
        ready.forEach(onMerged);
    }

    /** Hands on the seconds whose grace has run out. */
    public void tick(long nowNanos) {
        List<IntervalSample> ready;
        synchronized (this) {
            ready = drain(nowNanos, false);
        }
        ready.forEach(onMerged);
    }

    /** No sample of {@code worker} is expected any more (it was lost): the seconds it held up go on without it. */
    public void lost(String worker, long nowNanos) {
        List<IntervalSample> ready;
        synchronized (this) {
            expected.remove(worker);
            ready = drain(nowNanos, false);
        }
        ready.forEach(onMerged);
    }

    /** {@code worker} ended after sending {@code last} seconds: later seconds do not wait for it. */
    public void ended(String worker, long last, long nowNanos) {
        List<IntervalSample> ready;
        synchronized (this) {
            lastSecond.put(worker, last);
            ready = drain(nowNanos, false);
        }
        ready.forEach(onMerged);
    }

    /** The run is over: hands on every second still pending, in order. */
    public void flush() {
        List<IntervalSample> ready;
        synchronized (this) {
            ready = drain(0, true);
        }
        ready.forEach(onMerged);
    }

    /** Every sample accumulated so far (late ones included); null before the first. */
    public synchronized IntervalSample total() {
        return total;
    }

    public synchronized long lateSamples() {
        return lateSamples;
    }

    /** Completed requests per worker so far, in the order the workers were given. */
    public synchronized Map<String, Long> requestsBySource() {
        return new LinkedHashMap<>(requestsBySource);
    }

    private List<IntervalSample> drain(long nowNanos, boolean all) {
        List<IntervalSample> ready = new ArrayList<>();
        while (!pending.isEmpty()) {
            Map.Entry<Long, Map<String, IntervalSample>> first = pending.firstEntry();
            long second = first.getKey();
            if (!all && !complete(second, first.getValue()) && nowNanos - firstArrival.get(second) < graceNanos) {
                break;
            }
            pending.pollFirstEntry();
            firstArrival.remove(second);
            IntervalSample merged = math.merge(source, List.copyOf(first.getValue().values()));
            total = math.accumulate(total, merged);
            lastEmitted = second;
            ready.add(merged);
        }
        return ready;
    }

    /**
     * The total with a late sample's counts and histograms added. {@link IntervalSampleMath#accumulate} takes seconds
     * in order only, and the total already holds the late sample's second, so the sample is merged in as if of the
     * total's own second; the total keeps its second, length, phase and users.
     */
    private IntervalSample withLate(IntervalSample sum, IntervalSample late) {
        if (sum == null) {
            return late;
        }
        IntervalSample asOfTotal = new IntervalSample(late.runId(), late.source(), sum.second(), late.timestamp(),
                late.elapsedSeconds(), late.intervalSeconds(), late.phase(), late.activeUsers(), late.cpuUsage(),
                late.ramUsage(), late.keys(), late.checks(), late.skipped(), late.droppedIterations(),
                late.tlsHandshakes());
        IntervalSample both = math.merge(sum.source(), List.of(sum, asOfTotal));
        return new IntervalSample(sum.runId(), sum.source(), sum.second(), sum.timestamp(), sum.elapsedSeconds(),
                sum.intervalSeconds(), sum.phase(), sum.activeUsers(), sum.cpuUsage(), sum.ramUsage(), both.keys(),
                both.checks(), both.skipped(), both.droppedIterations(), both.tlsHandshakes());
    }

    private boolean complete(long second, Map<String, IntervalSample> arrived) {
        for (String worker : expected) {
            Long last = lastSecond.get(worker);
            if (!arrived.containsKey(worker) && (last == null || second <= last)) {
                return false;
            }
        }
        return true;
    }

    private static long requests(IntervalSample s) {
        long n = 0;
        for (KeySample k : s.keys()) {
            n += k.requests();
        }
        return n;
    }
}
