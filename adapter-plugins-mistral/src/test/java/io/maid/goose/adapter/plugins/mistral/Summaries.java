package io.maid.goose.adapter.plugins.mistral;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsRow;

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
            timeline.add(new MetricsSnapshot("run-1", START.plusSeconds(t), t, 1.0,
                    t <= 10 ? RunPhase.INCREASE : RunPhase.MAINTAIN, Math.min(200, t * 20), cpu, 61.0 + (t % 3),
                    400, 100.0 * failures / 400, Map.of("200", 400 - failures, "503", failures),
                    20, 50, 60, p99, p99 + 20, p99 * 1.5, 2_300, 3_150, 400, failures,
                    failures == 0 ? Map.of() : Map.of("unexpected_status", failures)));
        }
        List<StatsRow> requests = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            requests.add(row("GET /api/v1/catalogue/category-" + k + "/items-with-a-rather-long-name", 1_000L + k * 10L, k % 5));
        }
        StatsRow total = new StatsRow("Aggregated", 400L * seconds, 170, 400, latency(88), latency(120),
                Map.of(200, 400L * seconds - 170, 503, 170L), Map.of(ErrorKind.UNEXPECTED_STATUS, 168L, ErrorKind.RESPONSE_TIMEOUT, 2L),
                1_000_000, 9_000_000);
        List<PhaseSpan> phases = List.of(
                new PhaseSpan(RunPhase.INCREASE, START, START.plusSeconds(10)),
                new PhaseSpan(RunPhase.MAINTAIN, START.plusSeconds(10), START.plusSeconds(seconds)),
                new PhaseSpan(RunPhase.SHUTDOWN, START.plusSeconds(seconds), START.plusSeconds(seconds + 1)));
        return new RunSummary("run-1", RunState.COMPLETED, START, START.plusSeconds(seconds + 1), seconds + 1.0, config,
                phases, requests, List.of(), List.of(total), total, timeline, 0, "HISTOGRAM", "HISTOGRAM", null, null);
    }

    static StatsRow row(String name, long count, long failures) {
        return new StatsRow(name, count, failures, count / 60.0, latency(70), latency(90), Map.of(200, count - failures),
                failures == 0 ? Map.of() : Map.of(ErrorKind.CONNECTION_RESET, failures), 10_000, 90_000);
    }

    static LatencyStats latency(double p99) {
        return new LatencyStats(1.2, 31.4, p99 * 3, 12.1, 25.5, 55.25, 66.125, p99, p99 * 2);
    }
}
