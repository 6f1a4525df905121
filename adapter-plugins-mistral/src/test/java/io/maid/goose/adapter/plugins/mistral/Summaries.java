package io.maid.goose.adapter.plugins.mistral;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.testkit.MetricsSnapshots;
import io.maid.goose.testkit.StatsRows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Run summaries shaped like the engine's, with known spikes: second 42 has the worst p99 (950 ms), second
 * 77 the worst error rate (40 %), and the generator's CPU peaks at 97.5 % at second 500.
 */
final class Summaries {
    static final Instant START = Instant.parse("2025-01-01T12:00:00Z");

    private Summaries() {
    }

    static RunSummary run(int seconds, int keys) {
        RunConfig config = RunConfig.builder("https://shop.example").users(200).hatchRate(20).durationSeconds(seconds)
                .thinkTimeSeconds(1.5).get("home", "/").build();
        List<MetricsSnapshot> timeline = new ArrayList<>();
        for (int t = 1; t <= seconds; t++) {
            double p99 = t == 42 ? 950 : 80 + (t % 7);
            long failures = t == 77 ? 160 : t % 50 == 0 ? 2 : 0;
            double cpu = t == 500 ? 97.5 : 40 + (t % 10);
            timeline.add(MetricsSnapshots.builder().runId("run-1").timestamp(START.plusSeconds(t)).elapsedSeconds(t)
                    .phase(t <= 10 ? RunPhase.INCREASE : RunPhase.MAINTAIN).activeUsers(Math.min(200, t * 20))
                    .cpuUsage(cpu).ramUsage(61.0 + (t % 3)).throughputRps(400).errorRate(100.0 * failures / 400)
                    .statusCodes(Map.of("200", 400 - failures, "503", failures)).latencies(20, 50, 60, p99, p99 + 20)
                    .latencyMaxMs(p99 + 40).latencyP99CorrectedMs(p99 * 1.5).networkInKbps(2_300).networkOutKbps(3_150)
                    .requests(400).failures(failures).errors(failures == 0 ? Map.of() : Map.of("unexpected_status", failures))
                    .build());
        }
        List<StatsRow> requests = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            requests.add(row("category-" + k + "/items-with-a-rather-long-name", 1_000L + k * 10L, k % 5));
        }
        StatsRow total = StatsRows.builder(StatsKey.total()).count(400L * seconds).failures(170).rps(400)
                .latency(latency(88)).corrected(latency(120)).statusCodes(Map.of(200, 400L * seconds - 170, 503, 170L))
                .errors(Map.of(ErrorKind.UNEXPECTED_STATUS, 168L, ErrorKind.RESPONSE_TIMEOUT, 2L))
                .bytesSent(1_000_000).bytesReceived(9_000_000).build();
        List<PhaseSpan> phases = List.of(
                new PhaseSpan(RunPhase.INCREASE, START, START.plusSeconds(10)),
                new PhaseSpan(RunPhase.MAINTAIN, START.plusSeconds(10), START.plusSeconds(seconds)),
                new PhaseSpan(RunPhase.SHUTDOWN, START.plusSeconds(seconds), START.plusSeconds(seconds + 1)));
        return new RunSummary("run-1", RunState.COMPLETED, START, START.plusSeconds(seconds + 1), seconds + 1.0, seconds + 10,
                config, phases, requests, List.of(), List.of(total), total, timeline, 0,
                new LatencyHistograms("HISTOGRAM", "HISTOGRAM", "HISTOGRAM", "HISTOGRAM"), null, null);
    }

    /** A GET request key of the scenario {@code home}; the transaction name may be long. */
    static StatsRow row(String transaction, long count, long failures) {
        return StatsRows.builder(StatsKey.request(HttpMethod.GET, "home", transaction)).count(count).failures(failures)
                .rps(count / 60.0).latency(latency(70)).corrected(latency(90)).statusCodes(Map.of(200, count - failures))
                .errors(failures == 0 ? Map.of() : Map.of(ErrorKind.CONNECTION_RESET, failures))
                .bytesSent(10_000).bytesReceived(90_000).build();
    }

    static LatencyStats latency(double p99) {
        return new LatencyStats(1.2, 31.4, p99 * 3, 12.1, 25.5, 55.25, 66.125, p99, p99 * 2);
    }
}
