package io.maid.goose.adapter.http.helidon.stream;

import io.maid.goose.adapter.http.helidon.ApiJson;
import io.maid.goose.adapter.http.helidon.Wire;

import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.IntervalSampleEvent;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.MetricField;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatusEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders run events as the stream's externally tagged envelopes ({@code docs/api.md}, "WebSocket
 * stream"): {@code {"Metrics":{...}}}, {@code {"Log":{...}}}, {@code {"Status":{...}}}.
 *
 * <p>Every Log line is one of the engine's {@link LogEvent}s, and each is sent once: the engine already logs
 * every phase move (the end of the run included, with its totals) as a {@code LogEvent} next to its
 * {@link PhaseChange}, so a phase change and the end of a run add no Log line of their own; the end adds
 * only the final Status. Log timestamps never decrease along the stream: events are rendered one at a
 * time in delivery order, and a line stamped earlier than the line before it (two engine threads, the
 * ticker's and the controller's, stamp their events a moment before they are delivered) carries the
 * earlier line's timestamp instead.
 *
 * <p>A Metrics envelope holds the snapshot's {@link MetricField#wireValues wire values}, the domain's one
 * metrics vocabulary. A Status envelope's {@code duration_seconds} is the time <em>elapsed</em> since the run
 * started; {@code planned_seconds} is the planned length.
 */
public final class StreamEnvelopes {
    private final ApiJson json;
    private Instant lastLogAt;

    public StreamEnvelopes(ApiJson json) {
        this.json = json;
    }

    /** The envelopes for one event, in order; called in the order events are delivered. */
    synchronized List<String> render(RunEvent event) {
        return switch (event) {
            case MetricsSnapshot m -> List.of(envelope("Metrics", m.wireValues()));
            case LogEvent l -> List.of(envelope("Log",
                    new LogDto(Wire.time(notBeforeLastLog(l.timestamp())), l.level().wireName(), l.message(), l.runId())));
            case StatusEvent s -> List.of(envelope("Status",
                    new StatusDto(s.runId(), s.phase().wireName(), s.activeUsers(), s.durationSeconds(), s.plannedSeconds())));
            case PhaseChange p -> List.of();
            // The wire contract has no envelope for it: clients get the Metrics envelope it reduces to.
            case IntervalSampleEvent s -> List.of();
            case RunEnded e -> ended(e.summary());
        };
    }

    private Instant notBeforeLastLog(Instant at) {
        if (at == null) {
            return lastLogAt;
        }
        if (lastLogAt != null && at.isBefore(lastLogAt)) {
            return lastLogAt;
        }
        lastLogAt = at;
        return at;
    }

    String status(EngineStatus s) {
        return envelope("Status", new StatusDto(s.runId(), s.phase().wireName(), s.activeUsers(), s.elapsedSeconds(),
                s.plannedSeconds()));
    }

    private List<String> ended(RunSummary s) {
        return List.of(envelope("Status", new StatusDto(s.runId(), RunPhase.COMPLETED.wireName(), 0,
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
