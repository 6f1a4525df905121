package io.maid.goose.adapter.metrics.prometheus;

import io.maid.goose.adapter.metrics.prometheus.RunSeries.RequestLabels;
import io.maid.goose.adapter.metrics.prometheus.TransactionLabels.Pair;
import io.maid.goose.domain.RunPhase;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.List;
import java.util.Map;

/**
 * The {@code goose_*} metric families, their names, help texts and labels, as snapshots of one run's state.
 * Every family is present in every scrape (before the first run with no series, or with the idle values), so
 * that dashboards and alerts can rely on the names.
 */
final class RunSnapshots {
    static final String REQUESTS = "goose_requests";
    static final String FAILURES = "goose_request_failures";
    static final String DURATION = "goose_request_duration_seconds";
    static final String ACTIVE_USERS = "goose_active_users";
    static final String PHASE = "goose_run_phase";
    static final String INFO = "goose_run";
    static final String DROPPED = "goose_dropped_iterations";
    static final String FOLDED = "goose_folded_transactions";
    /** Every family name as it appears in an exposition (counters with {@code _total}, the info with {@code _info}). */
    static final List<String> EXPOSED_NAMES = List.of(REQUESTS + "_total", FAILURES + "_total", DURATION + "_bucket",
            DURATION + "_count", DURATION + "_sum", ACTIVE_USERS, PHASE, INFO + "_info", DROPPED + "_total", FOLDED);

    private static final double[] UPPER_BOUNDS = LatencyBuckets.upperBounds();

    private RunSnapshots() {
    }

    /** The families of {@code run}, or of no run yet when it is null. */
    static MetricSnapshots of(RunSeries run) {
        CounterSnapshot.Builder requests = CounterSnapshot.builder().name(REQUESTS)
                .help("Requests completed in the run, by scenario, transaction and HTTP status (none: no response)");
        CounterSnapshot.Builder failures = CounterSnapshot.builder().name(FAILURES)
                .help("Failed requests in the run, by error kind");
        HistogramSnapshot.Builder durations = HistogramSnapshot.builder().name(DURATION).unit(Unit.SECONDS)
                .help("Latency of the run's successful requests, by scenario and transaction");
        CounterSnapshot.Builder dropped = CounterSnapshot.builder().name(DROPPED)
                .help("Iterations the open model could not start for want of a free user");
        GaugeSnapshot.Builder folded = GaugeSnapshot.builder().name(FOLDED)
                .help("Distinct transactions of the run shown as scenario=\"other\", transaction=\"other\" past the label cap");
        GaugeSnapshot.Builder users = GaugeSnapshot.builder().name(ACTIVE_USERS)
                .help("Virtual users running now");
        GaugeSnapshot.Builder phase = GaugeSnapshot.builder().name(PHASE)
                .help("1 for the phase the current or last run is in, 0 for the others");
        InfoSnapshot.Builder info = InfoSnapshot.builder().name(INFO)
                .help("The current or last run: its id and target");

        RunPhase current = run == null ? RunPhase.IDLE : run.phase;
        for (RunPhase p : RunPhase.values()) {
            phase.dataPoint(gauge(Labels.of("phase", p.wireName()), p == current ? 1 : 0));
        }
        users.dataPoint(gauge(Labels.EMPTY, run == null ? 0 : run.activeUsers));
        if (run != null) {
            String id = run.runId;
            for (Map.Entry<RequestLabels, Long> e : run.requests.entrySet()) {
                Pair t = e.getKey().transaction();
                requests.dataPoint(counter(Labels.of("run_id", id, "scenario", t.scenario(),
                        "transaction", t.transaction(), "status", e.getKey().status()), e.getValue()));
            }
            run.failures.forEach((kind, n) -> failures.dataPoint(counter(Labels.of("run_id", id, "kind", kind), n)));
            run.durations.forEach((t, buckets) -> durations.dataPoint(HistogramDataPointSnapshot.builder()
                    .labels(Labels.of("run_id", id, "scenario", t.scenario(), "transaction", t.transaction()))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(UPPER_BOUNDS, buckets.counts()))
                    .sum(buckets.sumSeconds())
                    .build()));
            dropped.dataPoint(counter(Labels.of("run_id", id), run.droppedIterations));
            folded.dataPoint(gauge(Labels.of("run_id", id), run.labels.foldedCount()));
            info.dataPoint(InfoDataPointSnapshot.builder()
                    .labels(Labels.of("run_id", id, "target", run.target == null ? "" : run.target)).build());
        }
        return MetricSnapshots.of(requests.build(), failures.build(), durations.build(), dropped.build(),
                folded.build(), users.build(), phase.build(), info.build());
    }

    private static CounterDataPointSnapshot counter(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
