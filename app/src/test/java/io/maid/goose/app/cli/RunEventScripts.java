package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.testkit.ManualClock;
import io.maid.goose.testkit.MetricsSnapshots;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic event sequences of a run as the engine publishes them, and the same as the service's stream
 * envelopes, to drive {@code goose run}'s and {@code goose demo}'s progress without a run.
 */
final class RunEventScripts {
    static final String RUN = "6f9e3c1a-0000-4000-8000-000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunEventScripts() {
    }

    /**
     * A 3 s run planned for 3 s: start and increase logs, snapshots at 1, 2 and 3 s with the phase changes
     * between them, then {@code last} (the final snapshot, or none) and the completion log.
     */
    static List<RunEvent> run(MetricsSnapshot last) {
        List<RunEvent> e = new ArrayList<>();
        e.add(log("run " + RUN + " started: 4 users at 4 users/s"));
        e.add(new PhaseChange(RUN, RunPhase.IDLE, RunPhase.INCREASE, ManualClock.DEFAULT_START));
        e.add(log("phase increase: launching 4 users at 4 users/s"));
        e.add(second(1, RunPhase.INCREASE, 4, 30));
        e.add(new StatusEvent(RUN, RunPhase.INCREASE, 4, 1, 3));
        e.add(log("phase maintain: all 4 users running; holding them for 2 s"));
        e.add(second(2, RunPhase.MAINTAIN, 4, 75));
        e.add(new StatusEvent(RUN, RunPhase.MAINTAIN, 4, 2, 3));
        e.add(log("phase decrease: stopping 4 users, most recently launched first (maintain ended)"));
        e.add(log("phase shutdown: waiting up to 30 s for 0 users to finish their requests in flight"));
        e.add(second(3, RunPhase.SHUTDOWN, 0, 73));
        e.add(new StatusEvent(RUN, RunPhase.SHUTDOWN, 0, 3, 3));
        if (last != null) {
            e.add(last);
            e.add(new StatusEvent(RUN, last.phase(), last.activeUsers(), (long) last.elapsedSeconds(), 3));
        }
        e.add(log("phase completed: run completed after 3.0 s"));
        return e;
    }

    /** A whole second of traffic: {@code rps} requests at 1..3 ms, one of them failed, cpu 40 %. */
    static MetricsSnapshot second(double elapsed, RunPhase phase, int users, long rps) {
        return MetricsSnapshots.builder().runId(RUN).elapsedSeconds(elapsed).intervalSeconds(1).phase(phase)
                .activeUsers(users).throughputRps(rps).requests(rps).failures(1).errorRate(100.0 / rps)
                .latencies(1.2, 2.0, 2.5, 3.1, 3.3).latencyMaxMs(3.4).latencyP99CorrectedMs(3.2).cpuUsage(40).build();
    }

    /** The run's last, partial interval: {@code requests} completed in {@code seconds} after 3 s. */
    static MetricsSnapshot remnant(double seconds, long requests) {
        return MetricsSnapshots.builder().runId(RUN).elapsedSeconds(3 + seconds).intervalSeconds(seconds)
                .phase(RunPhase.SHUTDOWN).activeUsers(0).throughputRps(requests / seconds).requests(requests)
                .latencies(50, 51, 52, 53, 53).latencyMaxMs(53).latencyP99CorrectedMs(53).cpuUsage(40).build();
    }

    static LogEvent log(String message) {
        return new LogEvent(RUN, ManualClock.DEFAULT_START, LogLevel.INFO, message);
    }

    /**
     * The stream's envelopes for {@code events}, as docs/api.md describes them: a Metrics envelope holds the
     * snapshot's wire values, a phase change is a Log line of its own.
     */
    static List<String> envelopes(List<RunEvent> events) {
        List<String> out = new ArrayList<>();
        for (RunEvent event : events) {
            Object envelope = switch (event) {
                case MetricsSnapshot m -> Map.of("Metrics", m.wireValues());
                case LogEvent l -> Map.of("Log", Map.of("timestamp", l.timestamp().toString(), "level",
                        l.level().wireName(), "message", l.message(), "run_id", l.runId()));
                case StatusEvent s -> Map.of("Status", status(s.runId(), s.phase().wireName(), s.plannedSeconds()));
                case PhaseChange p -> Map.of("Log", Map.of("timestamp", p.at().toString(), "level", "info",
                        "message", "run " + p.runId() + " phase " + p.from().wireName() + " -> " + p.to().wireName(),
                        "run_id", p.runId()));
                default -> null;
            };
            if (envelope != null) {
                out.add(json(envelope));
            }
        }
        return out;
    }

    static Map<String, Object> status(String runId, String phase, long plannedSeconds) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("run_id", runId);
        status.put("phase", phase);
        status.put("active_users", 0);
        status.put("duration_seconds", 0);
        status.put("planned_seconds", plannedSeconds);
        return status;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
