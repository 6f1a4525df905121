package io.maid.goose.adapter.metrics.prometheus;

import io.maid.goose.domain.StoredRun;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.ports.in.RunEventListener;
import io.maid.goose.ports.out.MetricsExposition;
import io.maid.goose.ports.out.RunHistory;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The service's Prometheus metrics, with the official Prometheus Java client: the runs' {@code goose_*}
 * families, fed by the engine's events through {@link #listener()}, and the JVM and process metrics of the
 * service itself ({@code jvm_*}, {@code process_*}). The README's "Prometheus" section lists every family.
 *
 * <p>Contract: a {@link MetricsExposition}. {@link #scrape} writes OpenMetrics text 1.0 when the {@code Accept}
 * header accepts it, else the Prometheus text format 0.0.4 (never the protobuf format, which the service does
 * not offer). The listener never blocks the engine: it updates counters under a short lock. Label cardinality
 * is bounded: at most {@code maxTransactions} scenario/transaction pairs per run keep their names, the rest are
 * folded into {@code other} and counted by {@code goose_folded_transactions}; status labels are HTTP statuses
 * and {@code none}, error kinds are the engine's fixed set, and only the current or last run has series.
 * Thread-safe.
 */
public final class PrometheusMetrics implements MetricsExposition {
    /** Scenario/transaction pairs per run that keep their names unless the settings say otherwise. */
    public static final int DEFAULT_MAX_TRANSACTIONS = 100;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final RunMetrics runs;
    private final ExpositionFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();
    private final ExpositionFormatWriter text = PrometheusTextFormatWriter.create();

    /**
     * @param maxTransactions the per-run cap on scenario/transaction label pairs (at least 1)
     * @param targetOfRun     a run's target base URL by run id, for {@code goose_run_info} while the run goes on
     *                        (its events carry the target only when it ends)
     * @param withJvmMetrics  whether to serve the JVM and process metrics of this process too
     */
    public PrometheusMetrics(int maxTransactions, Function<String, Optional<String>> targetOfRun, boolean withJvmMetrics) {
        runs = new RunMetrics(maxTransactions, targetOfRun);
        registry.register(runs);
        if (withJvmMetrics) {
            JvmMetrics.builder().register(registry);
        }
    }

    /** The service's metrics, with the JVM's, and run targets read from history. */
    public static PrometheusMetrics forService(int maxTransactions, RunHistory history) {
        return new PrometheusMetrics(maxTransactions, runId -> history.find(runId).map(StoredRun::record)
                .map(r -> r.config() == null ? null : r.config().targetBaseUrl().toString()), true);
    }

    /** Subscribe this to the engine's events. */
    public RunEventListener listener() {
        return runs;
    }

    /** Takes one interval's per-key sample: what makes the per-transaction series live during a run. */
    public void onSample(IntervalSample sample) {
        runs.onSample(sample);
    }

    @Override
    public Scrape scrape(String accept) {
        ExpositionFormatWriter writer = accept != null && openMetrics.accepts(accept) ? openMetrics : text;
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the metrics to memory failed", e);
        }
        return new Scrape(writer.getContentType(), out.toByteArray());
    }
}
