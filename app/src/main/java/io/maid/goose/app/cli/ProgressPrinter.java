package io.maid.goose.app.cli;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The live progress of {@code goose run} and {@code goose demo}, one formatter for both: they feed it the
 * run's snapshots and log lines in the order the engine published them, and it writes lines of at most
 * the width.
 *
 * <ul>
 *   <li>A row is labelled with the whole second its interval ends in, and the planned length once known:
 *       {@code 12s/60s}. The engine takes snapshots on whole-second deadlines from the start (a late one a
 *       little after, and the next deadline is a whole second later), so each row names a later second than
 *       the one before: the rows are in time order, one per second.</li>
 *   <li>The one exception is the run's last snapshot, which covers what is left after the last whole second
 *       (the shutdown remnant, usually a fraction of a second) and so shares its second with the row before.
 *       It is labelled {@code final 0.30s}, with its length; its rates are already per its real length. A
 *       remnant in which no request completed is left out: it would be a row of zeros.</li>
 *   <li>Log lines come between the rows where they happened, wrapped to the width; text from outside is
 *       made {@link ConsoleFormat#printable printable}.</li>
 * </ul>
 * Thread-safe; lines are written while holding its lock, so they never interleave.
 */
final class ProgressPrinter {
    private final Consumer<String> out;
    private final int width;
    private long plannedSeconds;
    private long lastSecond = -1;

    ProgressPrinter(Consumer<String> out, int width) {
        this.out = out;
        this.width = width;
    }

    int width() {
        return width;
    }

    /** The run's planned length in seconds; 0 (unknown) is ignored. */
    synchronized void planned(long seconds) {
        if (seconds > 0) {
            plannedSeconds = seconds;
        }
    }

    synchronized void sample(ProgressSample s) {
        // A snapshot due at a whole second is taken at or just after it; the epsilon absorbs a double's rounding.
        long second = (long) Math.floor(s.elapsedSeconds() + 1e-6);
        if (second > lastSecond) {
            lastSecond = second;
            out.accept(ProgressLine.render(time(second), s, width));
        } else if (s.requests() > 0) {
            out.accept(ProgressLine.render(String.format(Locale.ROOT, "final %.2fs", s.intervalSeconds()), s, width));
        }
    }

    synchronized void log(String level, String message) {
        ConsoleFormat.wrap("  [" + level + "] " + ConsoleFormat.printable(message), width, 4).forEach(out);
    }

    /** One of goose's own lines. */
    synchronized void note(String text) {
        ConsoleFormat.wrap(text, width, 2).forEach(out);
    }

    private String time(long second) {
        if (plannedSeconds <= 0) {
            return String.format(Locale.ROOT, "%3ds", second);
        }
        int digits = Long.toString(plannedSeconds).length();
        return String.format(Locale.ROOT, "%" + digits + "ds/%ds", second, plannedSeconds);
    }
}
