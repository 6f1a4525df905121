package io.maid.goose.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One progress line, fitted to a width: the widest of these forms that fits, never wider than the width.
 * <ol>
 *   <li>{@code 12s/60s  maintain  users   20  rps   311.0  fail    5  (1.6%)  p50  1.05 p99  54.8 max   142 p99co   954 ms  cpu  99.5%}</li>
 *   <li>without p50;</li>
 *   <li>single spaces, narrower rps and cpu;</li>
 *   <li>without the error rate;</li>
 *   <li>without the phase and the unit ({@code 12s/60s users  20 rps 311.0 fail   5 p99  54.8 max   142 p99co   954 cpu 99%},
 *       77 columns for a run of less than 100 s);</li>
 *   <li>without the users (a run of an hour, or the {@code final 0.05s} row, at 80 columns);</li>
 *   <li>the last form with figures dropped from the end until it fits (below about 70 columns).</li>
 * </ol>
 * Every figure covers the interval only; the latencies are those of its successful requests, except the
 * corrected p99 ({@code p99co}), which covers all of them.
 */
final class ProgressLine {
    private static final int LEVELS = 6;

    private ProgressLine() {
    }

    /** {@code time} is the row's label ({@code 12s/60s}, {@code final 0.30s}). */
    static String render(String time, ProgressSample s, int width) {
        List<Cell> cells = List.of();
        for (int level = 0; level < LEVELS; level++) {
            cells = cells(time, s, level);
            String line = join(cells, level < 2 ? "  " : " ");
            if (line.length() <= width) {
                return line;
            }
        }
        List<Cell> fewer = new ArrayList<>(cells);
        while (fewer.size() > 1) {
            fewer.removeLast();
            String line = join(fewer, " ");
            if (line.length() <= width) {
                return line;
            }
        }
        return ConsoleFormat.ellipsis(time, width);
    }

    /** A figure, and whether it follows the previous one after a single space whatever the form. */
    private record Cell(String text, boolean tight) {
    }

    private static List<Cell> cells(String time, ProgressSample s, int level) {
        boolean narrow = level >= 4;
        List<Cell> c = new ArrayList<>();
        c.add(new Cell(time, false));
        if (!narrow) {
            c.add(new Cell(String.format(Locale.ROOT, "%-8s", s.phase()), false));
        }
        if (level < 5) {
            c.add(new Cell(String.format(Locale.ROOT, narrow ? "users %3d" : "users %4d", s.activeUsers()), false));
        }
        c.add(new Cell(String.format(Locale.ROOT, narrow ? "rps %5.1f" : level >= 2 ? "rps %6.1f" : "rps %7.1f", s.rps()), false));
        c.add(new Cell(String.format(Locale.ROOT, narrow ? "fail %3d" : "fail %4d", s.failures()), false));
        if (level < 3) {
            c.add(new Cell(String.format(Locale.ROOT, "%7s", String.format(Locale.ROOT, "(%.1f%%)", s.errorRatePct())), true));
        }
        if (level < 1) {
            c.add(new Cell(latency("p50", s.p50Ms()), false));
        }
        c.add(new Cell(latency("p99", s.p99Ms()), level < 1));
        c.add(new Cell(latency("max", s.maxMs()), true));
        c.add(new Cell(latency("p99co", s.p99CorrectedMs()), true));
        if (!narrow) {
            c.add(new Cell("ms", true));
        }
        c.add(new Cell(cpu(s.cpuPercent(), level >= 2), false));
        return c;
    }

    private static String latency(String label, double ms) {
        return String.format(Locale.ROOT, "%s %5s", label, ConsoleFormat.ms(ms));
    }

    private static String cpu(double percent, boolean narrow) {
        if (percent < 0 || !Double.isFinite(percent)) {
            return narrow ? "cpu   ?" : "cpu     ?";
        }
        return String.format(Locale.ROOT, narrow ? "cpu %3.0f%%" : "cpu %5.1f%%", percent);
    }

    private static String join(List<Cell> cells, String separator) {
        StringBuilder b = new StringBuilder();
        for (Cell cell : cells) {
            if (!b.isEmpty()) {
                b.append(cell.tight() ? " " : separator);
            }
            b.append(cell.text());
        }
        return b.toString();
    }
}
