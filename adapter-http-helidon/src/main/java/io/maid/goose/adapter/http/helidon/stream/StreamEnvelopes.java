package io.maid.goose.adapter.http.helidon.stream;

import io.maid.goose.adapter.http.helidon.ApiJson;
import io.maid.goose.adapter.http.helidon.Wire;

import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatusEvent;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders run events as the seed's externally tagged {@code StreamEnvelope}s:
 * {@code {"Metrics":{...}}}, {@code {"Log":{...}}}, {@code {"Status":{...}}}. A phase change becomes a
 * Log line; the end of a run becomes a Log line and a final Status.
 */
public final class StreamEnvelopes {
    private final ApiJson json;

    public StreamEnvelopes(ApiJson json) {
        this.json = json;
    }

    List<String> render(RunEvent event) {
        return switch (event) {
            case MetricsSnapshot m -> List.of(envelope("Metrics", MetricsDto.of(m)));
            case LogEvent l -> List.of(envelope("Log",
                    new LogDto(Wire.time(l.timestamp()), l.level().wireName(), l.message(), l.runId())));
            case StatusEvent s -> List.of(envelope("Status",
                    new StatusDto(s.runId(), s.phase().wireName(), s.activeUsers(), s.durationSeconds())));
            case PhaseChange p -> List.of(envelope("Log", new LogDto(Wire.time(p.at()), LogLevel.INFO.wireName(),
                    "run " + p.runId() + " phase " + p.from().wireName() + " \u2192 " + p.to().wireName(), p.runId())));
            case RunEnded e -> ended(e.summary());
        };
    }

    String status(EngineStatus s) {
        return envelope("Status", new StatusDto(s.runId(), s.phase().wireName(), s.activeUsers(), s.elapsedSeconds()));
    }

    private List<String> ended(RunSummary s) {
        String outcome = s.state().wireName();
        String message = String.format(Locale.ROOT, "run %s %s: %d requests, %d failures, %.1f rps, p99 %.1f ms",
                s.runId(), outcome, s.total().count(), s.total().failures(), s.total().rps(), s.total().latency().p99Ms());
        if (s.failureReason() != null) {
            message += " (" + s.failureReason() + ")";
        }
        LogLevel level = s.state() == RunState.FAILED ? LogLevel.ERROR : LogLevel.INFO;
        Instant at = s.endedAt();
        return List.of(
                envelope("Log", new LogDto(Wire.time(at), level.wireName(), message, s.runId())),
                envelope("Status", new StatusDto(s.runId(), RunPhase.COMPLETED.wireName(), 0,
                        Math.round(s.durationSeconds()))));
    }

    private String envelope(String tag, Object body) {
        return json.string(Map.of(tag, body));
    }

    record LogDto(String timestamp, String level, String message, String runId) {
    }

    record StatusDto(String runId, String phase, int activeUsers, long durationSeconds) {
    }

    record MetricsDto(String timestamp, Double cpuUsage, Double ramUsage, Double throughputRps, Double errorRate,
                      Map<String, Long> statusCodes, Double latencyP50Ms, Double latencyP90Ms, Double latencyP95Ms,
                      Double latencyP99Ms, Double latencyP999Ms, Double networkInKbps, Double networkOutKbps,
                      String phase, String runId, int activeUsers, long requests, long failures,
                      Double latencyP99CorrectedMs, Map<String, Long> errors, Double elapsedSeconds,
                      Double intervalSeconds) {
        static MetricsDto of(MetricsSnapshot m) {
            return new MetricsDto(Wire.time(m.timestamp()), ApiJson.finite(m.cpuUsage()), ApiJson.finite(m.ramUsage()),
                    ApiJson.finite(m.throughputRps()), ApiJson.finite(m.errorRate()), m.statusCodes(),
                    ApiJson.finite(m.latencyP50Ms()), ApiJson.finite(m.latencyP90Ms()), ApiJson.finite(m.latencyP95Ms()),
                    ApiJson.finite(m.latencyP99Ms()), ApiJson.finite(m.latencyP999Ms()),
                    ApiJson.finite(m.networkInKbps()), ApiJson.finite(m.networkOutKbps()), m.phase().wireName(),
                    m.runId(), m.activeUsers(), m.requests(), m.failures(), ApiJson.finite(m.latencyP99CorrectedMs()),
                    m.errors(), ApiJson.finite(m.elapsedSeconds()), ApiJson.finite(m.intervalSeconds()));
        }
    }
}
