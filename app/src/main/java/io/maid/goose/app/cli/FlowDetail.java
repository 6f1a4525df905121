package io.maid.goose.app.cli;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.SkipStats;

import java.util.List;
import java.util.Locale;

/**
 * The summary's checks and skipped requests, as k6's checks summary gives them: one row per check of each
 * transaction ({@code scenario/transaction: label}) with its passes, failures and fail share, then the requests
 * not sent, by reason over the run and per transaction. Nothing is printed for a run without checks or skips.
 *
 * <pre>
 * checks: 13 of 410 failed (3.2%)
 * check                        passes  fails  fail %
 * member/login: logged in           5      0    0.0%
 * member/profile: own profile     392     13    3.2%
 * skipped (not sent): unset_variable:token: 3
 *   member/profile  unset_variable:token: 3
 * </pre>
 */
final class FlowDetail {
    private static final List<TextTable.Column> COLUMNS = List.of(new TextTable.Column("check", 0),
            new TextTable.Column("passes", 0), new TextTable.Column("fails", 0), new TextTable.Column("fail %", 1));

    private FlowDetail() {
    }

    static void append(StringBuilder b, RunSummary s, int width) {
        checks(b, s.checks(), width);
        skipped(b, s, width);
    }

    private static void checks(StringBuilder b, List<CheckStats> checks, int width) {
        if (checks.isEmpty()) {
            return;
        }
        long failed = 0;
        long judged = 0;
        TextTable table = new TextTable(COLUMNS);
        for (CheckStats c : checks) {
            failed += c.failures();
            judged += c.count();
            table.row(ConsoleFormat.printable(c.scenario() + "/" + c.transaction() + ": " + c.label()),
                    Long.toString(c.passes()), Long.toString(c.failures()), percent(c.failures(), c.count()));
        }
        b.append(ConsoleFormat.wrapped(String.format(Locale.ROOT, "checks: %d of %d failed (%s)", failed, judged,
                percent(failed, judged)), width, 2));
        for (String line : table.render(width)) {
            b.append(line).append(System.lineSeparator());
        }
    }

    private static void skipped(StringBuilder b, RunSummary s, int width) {
        if (s.skipped().isEmpty()) {
            return;
        }
        b.append(ConsoleFormat.wrapped("skipped (not sent): " + ConsoleFormat.counts(s.skippedByReason()), width, 2));
        for (SkipStats k : s.skipped()) {
            b.append(ConsoleFormat.wrapped("  " + ConsoleFormat.printable(k.scenario() + "/" + k.transaction())
                    + "  " + ConsoleFormat.printable(k.reason()) + ": " + k.count(), width, 4));
        }
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
