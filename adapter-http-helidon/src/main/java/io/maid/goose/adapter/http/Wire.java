package io.maid.goose.adapter.http;

import io.maid.goose.domain.EngineStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Small conversions to wire values shared by the route classes. */
final class Wire {
    private Wire() {
    }

    /** RFC 3339 in UTC, millisecond precision at most ({@code 2024-06-15T12:00:00Z}), or null. */
    static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** The seed's {@code status} object exactly. */
    record SeedStatus(boolean active, String runId, String phase, String startedAt) {
        static SeedStatus of(EngineStatus s) {
            return new SeedStatus(s.active(), s.runId(), s.phase().wireName(), time(s.startedAt()));
        }
    }

    /** The seed's {@code status} object plus live counters. */
    record LiveStatus(boolean active, String runId, String phase, String startedAt, int activeUsers,
                      long elapsedSeconds) {
        static LiveStatus of(EngineStatus s) {
            return new LiveStatus(s.active(), s.runId(), s.phase().wireName(), time(s.startedAt()), s.activeUsers(),
                    s.elapsedSeconds());
        }
    }
}
