package io.maid.goose.adapter.http.helidon.stream;

import io.maid.goose.adapter.http.helidon.ApiJson;
import io.maid.goose.adapter.http.helidon.Wire;

import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.MetricField;
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
 * Log line; the end of a run becomes a Log line and a final Status. A Metrics envelope holds the
 * snapshot's {@link MetricField#wireValues wire values}, the domain's one metrics vocabulary. A Status
 * envelope's {@code duration_seconds} is the time <em>elapsed</em> since the run started;
 * {@code planned_seconds} is the planned length.
 */
public final class StreamEnvelopes {
    private final ApiJson json;

    public StreamEnvelopes(ApiJson json) {
        this.json = json;
    }

    List<String> render(RunEvent event) {
        return switch (event) {
            case MetricsSnapshot m -> List.of(envelope("Metrics", m.wireValues()));
            case LogEvent l -> List.of(envelope("Log",
                    new LogDto(Wire.time(l.timestamp()), l.level().wireName(), l.message(), l.runId())));
            case StatusEvent s -> List.of(envelope("Status",
                    new StatusDto(s.runId(), s.phase().wireName(), s.activeUsers(), s.durationSeconds(), s.plannedSeconds())));
            case PhaseChange p -> List.of(envelope("Log", new LogDto(Wire.time(p.at()), LogLevel.INFO.wireName(),
                    "run " + p.runId() + " phase " + p.from().wireName() + " \u2192 " + p.to().wireName(), p.runId())));
            case RunEnded e -> ended(e.summary());
        };
    }

    String status(EngineStatus s) {
        return envelope("Status", new StatusDto(s.runId(), s.phase().wireName(), s.activeUsers(), s.elapsedSeconds(),
                s.plannedSeconds()));
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
                        Math.round(s.durationSeconds()), s.plannedSeconds())));
    }

    private String envelope(String tag, Object body) {
        return json.string(Map.of(tag, body));
    }

    record LogDto(String timestamp, String level, String message, String runId) {
    }

    /** {@code duration_seconds}: elapsed since the start, not the planned length. */
    record StatusDto(String runId, String phase, int activeUsers, long durationSeconds, long plannedSeconds) {
    }
}
