package io.maid.goose.testkit;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.KeyTimeline;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.PluginHints;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.TlsHandshakeStats;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.SchedulerKind;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.Transaction;
import io.maid.goose.ports.out.RunConfigCodec;

import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.domain.threshold.ThresholdComparator;
import io.maid.goose.domain.threshold.ThresholdMetric;
import io.maid.goose.domain.threshold.ThresholdScope;
import io.maid.goose.domain.threshold.Thresholds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample finished run for report and artifact tests: 20 seconds, two scenarios and three request keys, two
 * of them with hostile names, whose per-second timeline adds up to its totals: 200s throughout, a burst of
 * 500s in maintain, connect timeouts while users stop, no requests in the last two seconds. Every field of
 * {@link RunSummary} is set, per-key timelines and real encoded HdrHistograms included; timeline timestamps
 * are whole seconds, so the summary survives a wire format of millisecond precision unchanged.
 */
public final class SampleRuns {
    public static final String RUN_ID = "4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2";
    public static final String TARGET = "https://target.example";
    public static final String HOSTILE = "<script>alert(1)</script>";
    public static final String HOSTILE_SCENARIO = "browse \"catalog\" & <b>more</b>";
    public static final Instant START = Instant.parse("2024-06-15T12:00:00Z");
    public static final int SECONDS = 20;
    /** The encoded histograms (base64 of HdrHistogram's compressed encoding, in microseconds). */
    public static final String HISTOGRAM = SampleHistograms.encoded(5_000, 28, 1);
    public static final String CORRECTED_HISTOGRAM = SampleHistograms.encoded(5_018, 33, 2);
    public static final String FAILED_HISTOGRAM = SampleHistograms.encoded(18, 9, 3);
    public static final String ALL_HISTOGRAM = SampleHistograms.encoded(5_018, 27.9, 4);

    /** The run-config codec the sample reports are written with. */
    public static final RunConfigCodec CODEC = new FakeRunConfigCodec();

    private SampleRuns() {
    }

    /** The sample config, writing {@code formats} (all three when none is given). */
    public static RunConfig config(ReportFormat... formats) {
        return config(formats.length == 0 ? ReportsSpec.all() : new ReportsSpec(List.of(formats)));
    }

    /** The sample config, writing the reports {@code reports} asks for (none, when it is empty). */
    public static RunConfig config(ReportsSpec reports) {
        Scenario checkout = new Scenario("checkout", 2, List.of(
                Transaction.of("get-root", RequestSpec.of(HttpMethod.GET, "/")),
                Transaction.of(HOSTILE, RequestSpec.of(HttpMethod.POST, "/cart"))));
        Scenario browse = new Scenario(HOSTILE_SCENARIO, 1, List.of(
                Transaction.of("list", RequestSpec.of(HttpMethod.GET, "/catalog"))));
        return RunConfig.builder(TARGET)
                .users(20).hatchRate(4).durationSeconds(10)
                .scenario(checkout).scenario(browse)
                .scheduler(SchedulerKind.RANDOM)
                .reports(reports)
                .pluginHints(new PluginHints(List.of("production", "canary"), null, Map.of("team", "checkout")))
                .build();
    }

    public static RunSummary summary(ReportFormat... formats) {
        return summary(config(formats));
    }

    public static RunPhase phaseAt(int second) {
        if (second <= 5) {
            return RunPhase.INCREASE;
        }
        if (second <= 15) {
            return RunPhase.MAINTAIN;
        }
        return second <= 18 ? RunPhase.DECREASE : RunPhase.SHUTDOWN;
    }

    public static int usersAt(int second) {
        return switch (phaseAt(second)) {
            case INCREASE -> Math.min(20, 4 * second);
            case MAINTAIN -> 20;
            case DECREASE -> 20 - 6 * (second - 15);
            default -> 0;
        };
    }

    public static RunSummary summary(RunConfig config) {
        List<MetricsSnapshot> timeline = new ArrayList<>();
        double[][] keyP95 = new double[3][SECONDS];
        long[] keyCount = new long[3];
        long[] keyFail = new long[3];
        long ok200 = 0;
        long err500 = 0;
        long timeouts = 0;
        for (int t = 1; t <= SECONDS; t++) {
            int users = usersAt(t);
            long root = 3L * users;
            long cart = 2L * users;
            long list = users;
            long fivehundreds = t >= 10 && t <= 12 ? 5 : 0;
            long connectTimeouts = t == 17 ? 3 : 0;
            keyCount[0] += root;
            keyCount[1] += cart;
            keyCount[2] += list;
            keyFail[1] += fivehundreds;
            keyFail[2] += connectTimeouts;
            long requests = root + cart + list;
            long failures = fivehundreds + connectTimeouts;
            ok200 += requests - failures;
            err500 += fivehundreds;
            timeouts += connectTimeouts;
            Map<String, Long> codes = new LinkedHashMap<>();
            if (requests - failures > 0) {
                codes.put("200", requests - failures);
            }
            if (fivehundreds > 0) {
                codes.put("500", fivehundreds);
            }
            Map<String, Long> errors = new HashMap<>();
            if (fivehundreds > 0) {
                errors.put(ErrorKind.UNEXPECTED_STATUS.wireName(), fivehundreds);
            }
            if (connectTimeouts > 0) {
                errors.put(ErrorKind.CONNECT_TIMEOUT.wireName(), connectTimeouts);
            }
            double base = 18 + users * 0.9 + (fivehundreds > 0 ? 70 : 0);
            for (int k = 0; k < 3; k++) {
                keyP95[k][t - 1] = users == 0 ? Double.NaN : base * (1.6 + 0.5 * k) + (k == 1 && fivehundreds > 0 ? 120 : 0);
            }
            timeline.add(MetricsSnapshots.builder().runId(RUN_ID).timestamp(START.plusSeconds(t)).elapsedSeconds(t)
                    .intervalSeconds(1.0).phase(phaseAt(t)).activeUsers(users).cpuUsage(t == 1 ? -1 : 30 + t).ramUsage(41.5)
                    .throughputRps(requests).errorRate(requests == 0 ? 0 : 100.0 * failures / requests).statusCodes(codes)
                    .latencies(base, base * 1.8, base * 2.2, base * 3.1, base * 4.0).latencyMaxMs(base * 4.5)
                    .latencyP99CorrectedMs(base * 3.6).networkInKbps(requests * 9.6).networkOutKbps(requests * 2.4)
                    .requests(requests).failures(failures).errors(errors).build());
        }
        double duration = SECONDS;
        StatsKey[] keys = {StatsKey.request(HttpMethod.GET, "checkout", "get-root"),
                StatsKey.request(HttpMethod.POST, "checkout", HOSTILE), StatsKey.request(HttpMethod.GET, HOSTILE_SCENARIO, "list")};
        List<StatsRow> requests = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Map<Integer, Long> codes = new HashMap<>();
            codes.put(200, keyCount[k] - keyFail[k]);
            if (k == 1) {
                codes.put(500, keyFail[k]);
            }
            Map<ErrorKind, Long> errors = new HashMap<>();
            Map<ErrorKind, List<String>> samples = new HashMap<>();
            if (k == 1) {
                errors.put(ErrorKind.UNEXPECTED_STATUS, keyFail[k]);
                samples.put(ErrorKind.UNEXPECTED_STATUS, List.of("HTTP 500: " + HOSTILE, "HTTP 500"));
            } else if (k == 2) {
                errors.put(ErrorKind.CONNECT_TIMEOUT, keyFail[k]);
                samples.put(ErrorKind.CONNECT_TIMEOUT, List.of("connect timed out after 30 s"));
            }
            requests.add(row(keys[k], keyCount[k], keyFail[k], duration, 20 + 5 * k, codes, errors, samples));
        }
        List<StatsRow> transactions = List.of(
                rename(requests.get(0), StatsKey.transaction("checkout", "get-root")),
                rename(requests.get(1), StatsKey.transaction("checkout", HOSTILE)),
                rename(requests.get(2), StatsKey.transaction(HOSTILE_SCENARIO, "list")));
        List<StatsRow> scenarios = List.of(
                merge(StatsKey.scenario("checkout"), requests.get(0), requests.get(1), duration),
                rename(requests.get(2), StatsKey.scenario(HOSTILE_SCENARIO)));
        long all = keyCount[0] + keyCount[1] + keyCount[2];
        Map<Integer, Long> totalCodes = new HashMap<>(Map.of(200, ok200, 500, err500));
        Map<ErrorKind, Long> totalErrors = new HashMap<>(Map.of(ErrorKind.UNEXPECTED_STATUS, err500,
                ErrorKind.CONNECT_TIMEOUT, timeouts));
        Map<ErrorKind, List<String>> totalSamples = new HashMap<>(requests.get(1).errorSamples());
        totalSamples.putAll(requests.get(2).errorSamples());
        StatsRow total = row(StatsKey.total(), all, err500 + timeouts, duration, 24, totalCodes, totalErrors, totalSamples);
        List<PhaseSpan> phases = List.of(
                new PhaseSpan(RunPhase.INCREASE, START, START.plusSeconds(5)),
                new PhaseSpan(RunPhase.MAINTAIN, START.plusSeconds(5), START.plusSeconds(15)),
                new PhaseSpan(RunPhase.DECREASE, START.plusSeconds(15), START.plusSeconds(18)),
                new PhaseSpan(RunPhase.SHUTDOWN, START.plusSeconds(18), START.plusSeconds(20)),
                new PhaseSpan(RunPhase.COMPLETED, START.plusSeconds(20), null));
        List<KeyTimeline> keyTimelines = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            keyTimelines.add(new KeyTimeline(keys[k], keyP95[k]));
        }
        RunSummary measured = new RunSummary(RUN_ID, RunState.COMPLETED, START, START.plusSeconds(SECONDS), duration, 15,
                config, phases, requests, transactions, scenarios, total, timeline, 2,
                new LatencyHistograms(HISTOGRAM, FAILED_HISTOGRAM, ALL_HISTOGRAM, CORRECTED_HISTOGRAM), 42L, null,
                keyTimelines, List.of(), List.of());
        return measured.withThresholds(Thresholds.evaluate(measured));
    }

    /** {@code s} as the run {@code runId}, its timeline included. */
    public static RunSummary withRunId(RunSummary s, String runId) {
        List<MetricsSnapshot> timeline = s.timeline().stream().map(m -> copy(m, runId, m.timestamp())).toList();
        return new RunSummary(runId, s.state(), s.startedAt(), s.endedAt(), s.durationSeconds(), s.plannedSeconds(),
                s.config(), s.phases(), s.requests(), s.transactions(), s.scenarios(), s.total(), timeline,
                s.abandonedRequests(), s.histograms(), s.schedulerSeed(), s.failureReason(), s.keyTimelines(),
                s.checks(), s.skipped(), s.thresholds(), s.droppedIterations(), s.workers(), s.tlsHandshakes());
    }

    /** The TLS handshakes of {@link #overHttps}: 31 of them, 1.9 ms at the median and 24.6 ms at the most. */
    public static final TlsHandshakeStats HANDSHAKES = new TlsHandshakeStats(31,
            new LatencyStats(1.52, 2.875, 24.607, 3.9, 1.903, 3.127, 4.011, 24.607, 24.607));

    /** {@code s} as a run over HTTPS: its requests opened {@link #HANDSHAKES}. */
    public static RunSummary overHttps(RunSummary s) {
        return s.withTlsHandshakes(HANDSHAKES);
    }

    /**
     * {@code config} with four thresholds over the sample run: p95 below 1 s in total (passes), an error rate
     * below 0.1 % (fails: the run has 500s and timeouts), p99 below 10 s for the transaction with the hostile
     * name (passes; its scope needs escaping), and throughput above 0 with abort_on_fail after 5 s (passes).
     */
    public static RunConfig withThresholds(RunConfig config) {
        return config.withThresholds(List.of(
                Threshold.of(ThresholdMetric.LATENCY_P95_MS, ThresholdScope.TOTAL, ThresholdComparator.LT, 1000),
                Threshold.of(ThresholdMetric.ERROR_RATE, ThresholdScope.TOTAL, ThresholdComparator.LT, 0.1),
                Threshold.of(ThresholdMetric.LATENCY_P99_MS, ThresholdScope.parse("transaction:checkout/" + HOSTILE),
                        ThresholdComparator.LTE, 10_000),
                Threshold.of(ThresholdMetric.THROUGHPUT_RPS, ThresholdScope.TOTAL, ThresholdComparator.GT, 0)
                        .abortingAfter(5)));
    }

    /**
     * {@code s} as an open-model run: its config's load is an arrival plan, each second started 250 iterations
     * and dropped one more than the last, and the run dropped their sum.
     */
    public static RunSummary openModel(RunSummary s) {
        RunConfig c = s.config();
        RunConfig open = new RunConfig(c.targetBaseUrl(), c.users(), c.hatchRate(), c.duration(), c.thinkTime(),
                c.scenarios(), c.scheduler(), c.reports(), c.pluginHints(), c.tls(), c.requestTimeoutSeconds(),
                c.throughputCapRps(), c.maxResponseBytes(), c.data(), c.maxCaptureBytes(), c.thresholds(), new LoadPlan.Arrival(100,
                List.of(new LoadPlan.RateStage(250, SECONDS)), 10, 500));
        List<MetricsSnapshot> timeline = new java.util.ArrayList<>();
        long dropped = 0;
        for (int i = 0; i < s.timeline().size(); i++) {
            MetricsSnapshot m = s.timeline().get(i);
            timeline.add(new MetricsSnapshot(m.runId(), m.timestamp(), m.elapsedSeconds(), m.intervalSeconds(), m.phase(),
                    m.activeUsers(), m.cpuUsage(), m.ramUsage(), m.throughputRps(), m.errorRate(), m.statusCodes(),
                    m.latencyP50Ms(), m.latencyP90Ms(), m.latencyP95Ms(), m.latencyP99Ms(), m.latencyP999Ms(),
                    m.latencyMaxMs(), m.latencyP99CorrectedMs(), m.networkInKbps(), m.networkOutKbps(), m.requests(),
                    m.failures(), m.errors(), m.checksFailed(), m.skipped(), i, 250));
            dropped += i;
        }
        return new RunSummary(s.runId(), s.state(), s.startedAt(), s.endedAt(), s.durationSeconds(), s.plannedSeconds(),
                open, s.phases(), s.requests(), s.transactions(), s.scenarios(), s.total(), timeline,
                s.abandonedRequests(), s.histograms(), s.schedulerSeed(), s.failureReason(), s.keyTimelines(),
                s.checks(), s.skipped(), s.thresholds(), dropped, s.workers(), s.tlsHandshakes());
    }

    /** {@code m} taken at {@code timestamp}. */
    public static MetricsSnapshot withTimestamp(MetricsSnapshot m, Instant timestamp) {
        return copy(m, m.runId(), timestamp);
    }

    private static MetricsSnapshot copy(MetricsSnapshot m, String runId, Instant timestamp) {
        return new MetricsSnapshot(runId, timestamp, m.elapsedSeconds(), m.intervalSeconds(), m.phase(), m.activeUsers(),
                m.cpuUsage(), m.ramUsage(), m.throughputRps(), m.errorRate(), m.statusCodes(), m.latencyP50Ms(),
                m.latencyP90Ms(), m.latencyP95Ms(), m.latencyP99Ms(), m.latencyP999Ms(), m.latencyMaxMs(),
                m.latencyP99CorrectedMs(), m.networkInKbps(), m.networkOutKbps(), m.requests(), m.failures(), m.errors(),
                m.checksFailed(), m.skipped(), m.droppedIterations(), m.startedIterations());
    }

    public static Analysis analysis() {
        return new Analysis("Latency triples while 500s appear on " + HOSTILE + " during maintain.",
                List.of(new Bottleneck("Cart endpoint errors under load", "p99 rose from 80 ms to 260 ms at 10-12 s; "
                                + "15 responses were 500.", "high"),
                        new Bottleneck("Connect timeouts at ramp-down", "3 connect timeouts at 17 s.", "low")),
                List.of("Profile POST /cart at 20 users.", "Check the connection pool size of the catalog service."));
    }

    private static StatsRow row(StatsKey key, long count, long failures, double duration, double scale,
                                Map<Integer, Long> codes, Map<ErrorKind, Long> errors, Map<ErrorKind, List<String>> samples) {
        LatencyStats raw = new LatencyStats(1.2, scale * 1.4, scale * 14, scale * 0.9, scale * 1.1, scale * 2.3,
                scale * 3.0, scale * 4.6, scale * 9.8);
        LatencyStats failed = failures == 0 ? LatencyStats.EMPTY
                : new LatencyStats(0.3, scale * 0.5, scale * 2, scale * 0.2, scale * 0.4, scale * 0.9, scale, scale * 1.5,
                scale * 1.9);
        LatencyStats all = new LatencyStats(failures == 0 ? 1.2 : 0.3, scale * 1.3, scale * 14, scale * 0.9, scale * 1.05,
                scale * 2.2, scale * 2.9, scale * 4.5, scale * 9.7);
        LatencyStats corrected = new LatencyStats(1.2, scale * 1.6, scale * 19, scale * 1.2, scale * 1.2, scale * 2.6,
                scale * 3.5, scale * 6.1, scale * 14.2);
        return StatsRows.builder(key).count(count).failures(failures).rps(count / duration).latency(raw)
                .failedLatency(failed).allLatency(all).corrected(corrected).statusCodes(codes).errors(errors)
                .errorSamples(samples).bytesSent(count * 310).bytesReceived(count * 1220).build();
    }

    private static StatsRow rename(StatsRow r, StatsKey key) {
        return StatsRows.from(r).key(key).build();
    }

    private static StatsRow merge(StatsKey key, StatsRow a, StatsRow b, double duration) {
        Map<Integer, Long> codes = new HashMap<>(a.statusCodes());
        b.statusCodes().forEach((k, v) -> codes.merge(k, v, Long::sum));
        Map<ErrorKind, Long> errors = new HashMap<>(a.errors());
        b.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
        long count = a.count() + b.count();
        return StatsRows.from(a).key(key).count(count).failures(a.failures() + b.failures()).rps(count / duration)
                .corrected(b.corrected()).statusCodes(codes).errors(errors).errorSamples(b.errorSamples())
                .bytesSent(a.bytesSent() + b.bytesSent()).bytesReceived(a.bytesReceived() + b.bytesReceived()).build();
    }
}
