package io.maid.goose.engine;

import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.flow.ThinkTime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The wording of the run's log lines: numbers as people read them, and never a credential from the target URL. */
final class RunMessages {
    private static final long SECOND = 1_000_000_000L;

    private RunMessages() {
    }

    /** The first line of a run: its plan, its planned length and the latest time it will have ended. */
    static String started(String runId, RunConfig config, RunTimetable timetable) {
        long latest = timetable.hardDeadline() - timetable.startNanos();
        if (!config.isShorthand()) {
            return String.format(Locale.ROOT,
                    "run %s started: %s, think time %s s, scheduler %s, target %s;"
                            + " planned length %d s, ended within %d s at the latest (with the shutdown grace)",
                    runId, config.load().describe(), thinkTime(config.thinkTime()), config.scheduler().wireName(),
                    withoutUserInfo(config.targetBaseUrl()), timetable.plannedSeconds(),
                    latest / SECOND + (latest % SECOND == 0 ? 0 : 1));
        }
        return String.format(Locale.ROOT,
                "run %s started: %d users at %s users/s, maintain %d s, think time %s s, scheduler %s, target %s;"
                        + " planned length %d s, ended within %d s at the latest (with the shutdown grace)",
                runId, config.users(), number(config.hatchRate()), config.duration().seconds(),
                thinkTime(config.thinkTime()), config.scheduler().wireName(), withoutUserInfo(config.targetBaseUrl()),
                timetable.plannedSeconds(), latest / SECOND + (latest % SECOND == 0 ? 0 : 1));
    }

    /** A fixed think time as its seconds ({@code 0.5}), a range as {@code 1-3}. */
    static String thinkTime(ThinkTime t) {
        return t.isFixed() ? number(t.minSeconds()) : number(t.minSeconds()) + "-" + number(t.maxSeconds());
    }

    /** "1 user", "3 users". */
    static String users(int n) {
        return n == 1 ? "1 user" : n + " users";
    }

    /** A whole number without decimals, anything else as Java prints it. */
    static String number(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Nanoseconds as seconds to a tenth, without trailing zeros ({@code 30}, {@code 4.5}). */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** The target as logged: never with credentials embedded in the URL. */
    static String withoutUserInfo(URI uri) {
        if (uri.getUserInfo() == null) {
            return uri.toString();
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost();
        }
    }
}
