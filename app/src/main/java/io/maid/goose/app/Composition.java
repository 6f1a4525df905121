package io.maid.goose.app;

import io.maid.goose.adapter.config.json.JacksonJsonBodyReader;
import io.maid.goose.adapter.config.json.JacksonRunConfigCodec;
import io.maid.goose.adapter.driver.httpclient5.HttpClient5Transport;
import io.maid.goose.adapter.driver.lean.LeanLoopTransport;
import io.maid.goose.adapter.driver.lean.LoopTlsProvider;
import io.maid.goose.adapter.driver.lean.LeanTransport;
import io.maid.goose.adapter.feeds.csv.CommonsCsvFeedLoader;
import io.maid.goose.adapter.metrics.prometheus.PrometheusMetrics;
import io.maid.goose.adapter.persistence.SqliteRunHistory;
import io.maid.goose.app.flows.FeedFolder;
import io.maid.goose.app.flows.FeedResolver;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.adapter.reports.FileRunArtifacts;
import io.maid.goose.adapter.system.oshi.OshiSystemProbe;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.engine.metrics.HdrIntervalSampleMath;
import io.maid.goose.ports.in.IntervalSampleMath;

import java.nio.file.Path;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.RunArtifacts;
import io.maid.goose.ports.out.RunConfigCodec;
import io.maid.goose.ports.out.RunHistory;
import io.maid.goose.ports.out.RunEventSink;
import io.maid.goose.ports.out.SystemProbe;

/**
 * The composition root: the one place that knows every adapter and wires them with plain {@code new}.
 * Each method builds a fresh object; nothing here is a singleton.
 */
public final class Composition {
    private Composition() {
    }

    public static RunConfigCodec codec() {
        return new JacksonRunConfigCodec();
    }

    /** Loads feeders' CSV files before a run, from where {@code folder} lets them be. */
    public static FeedResolver feedResolver(FeedFolder folder) {
        return new FeedResolver(folder, new CommonsCsvFeedLoader());
    }

    /**
     * The load transport the settings choose ({@code engine.transport}, {@code engine.event_loops},
     * {@code engine.tls_provider}).
     *
     * @throws IllegalStateException when {@code tls_provider} is {@code boringssl} and BoringSSL cannot be loaded here
     */
    public static LoadTransport transport(Settings.Engine engine) {
        return switch (engine.transport()) {
            case "lean" -> new LeanLoopTransport(engine.eventLoopsOrDefault(), LoopTlsProvider.named(engine.tlsProvider()));
            case "lean-threads" -> new LeanTransport();
            case "httpclient5" -> new HttpClient5Transport(RunConfig.MAX_USERS);
            default -> throw new IllegalArgumentException("unknown transport '" + engine.transport() + "'");
        };
    }

    /**
     * Exact arithmetic on interval samples (merge, accumulate, reduce), for the adapters that combine or reduce
     * them; the engine's implementation, since adapters may not depend on the engine.
     */
    public static IntervalSampleMath intervalSampleMath() {
        return new HdrIntervalSampleMath();
    }

    public static SystemProbe systemProbe() {
        return new OshiSystemProbe();
    }

    /** The runs' reports, one folder per run under {@code reportRoot} ({@code persistence.report_dir}). */
    /** The service's Prometheus metrics: the runs' series (targets read from history) and the JVM's. */
    public static PrometheusMetrics metrics(Settings.Metrics settings, RunHistory history) {
        return PrometheusMetrics.forService(settings.maxTransactions(), history);
    }

    public static RunArtifacts artifacts(Path reportRoot) {
        return new FileRunArtifacts(reportRoot, codec());
    }

    /** The durable run history in SQLite at {@code databaseFile} (created with its folders when missing). */
    public static SqliteRunHistory history(Path databaseFile) {
        return new SqliteRunHistory(databaseFile, codec());
    }

    public static GooseEngine engine(LoadTransport transport, RunEventSink... sinks) {
        return engine(transport, TargetAllowList.anyHost(), sinks);
    }

    /**
     * An engine whose users follow redirects only to {@code allowedTargets}, reading JSON response bodies for the
     * flows' {@code json} checks and extractors with Jackson's streaming parser.
     */
    public static GooseEngine engine(LoadTransport transport, TargetAllowList allowedTargets, RunEventSink... sinks) {
        GooseEngine.Builder b = GooseEngine.builder().transport(transport).systemProbe(systemProbe())
                .allowedTargets(allowedTargets).jsonBodyReader(new JacksonJsonBodyReader());
        for (RunEventSink s : sinks) {
            b.eventSink(s);
        }
        return b.build();
    }
}
