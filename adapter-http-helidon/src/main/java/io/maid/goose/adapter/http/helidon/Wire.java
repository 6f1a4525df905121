package io.maid.goose.adapter.http.helidon;

import io.maid.goose.domain.EngineStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Small conversions to wire values shared by the route classes. */
public final class Wire {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    public static final String INVALID_RUN_ID = "run_id must be a UUID such as 4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2";

    private Wire() {
    }

    /** A run id as runs are keyed: the 8-4-4-4-12 hex form, any case (history keys are lower case). */
    public static boolean isRunId(String s) {
        return s != null && UUID_TEXT.matcher(s).matches();
    }

    /** RFC 3339 in UTC, millisecond precision at most ({@code 2024-06-15T12:00:00Z}), or null. */
    public static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** The {@code status} object that {@code POST /run} answers with (docs/api.md). */
    public record StartStatus(boolean active, String runId, String phase, String startedAt) {
        public static StartStatus of(EngineStatus s) {
            return new StartStatus(s.active(), s.runId(), s.phase().wireName(), time(s.startedAt()));
        }
    }

    /**
     * The {@code status} object plus live counters, as {@code GET /status} answers (docs/api.md), the run's
     * state ({@code running}, then {@code completed}, {@code cancelled} or {@code failed}; null before any
     * run), its planned length, and where it is in its load plan: the stage's index ({@code load.stages} or
     * {@code load.arrival.stages}; null for the shorthand) and the user count a staged plan asks for now (null
     * otherwise).
     */
    public record LiveStatus(boolean active, String runId, String phase, String startedAt, int activeUsers,
                      long elapsedSeconds, String state, long plannedSeconds, Integer stage, Integer targetUsers) {
        public static LiveStatus of(EngineStatus s) {
            return new LiveStatus(s.active(), s.runId(), s.phase().wireName(), time(s.startedAt()), s.activeUsers(),
                    s.elapsedSeconds(), s.state() == null ? null : s.state().wireName(), s.plannedSeconds(), s.stage(),
                    s.targetUsers());
        }
    }
}
