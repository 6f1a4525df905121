package io.maid.goose.adapter.reports;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.SkipStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report's tables of a flow: pass and fail counts per check, as k6's checks summary shows them, and
 * the requests not sent, by reason over the run and per transaction. Values are preformatted text; the
 * template escapes every one (a check's label and a reason carry names from the config).
 */
final class FlowTables {
    /** One check of one transaction. */
    record CheckRow(String transaction, String label, String passes, String failures, String failShare,
                    String failClass) {
    }

    /** The checks over the run: how many evaluations, how many failed, and each check. */
    record Checks(String evaluated, String failed, String failShare, String failClass, List<CheckRow> rows) {
    }

    /** Requests of one transaction (or, with an empty transaction, of the run) not sent for one reason. */
    record SkipRow(String transaction, String reason, String description, String count) {
    }

    /** The skipped requests: by reason over the run, then per transaction and reason. */
    record Skipped(String total, List<SkipRow> byReason, List<SkipRow> rows) {
    }

    private FlowTables() {
    }

    /** The checks, or null for a run without any. */
    static Checks checks(RunSummary s) {
        if (s.checks().isEmpty()) {
            return null;
        }
        long judged = 0;
        long failed = 0;
        List<CheckRow> rows = new ArrayList<>();
        for (CheckStats c : s.checks()) {
            judged += c.count();
            failed += c.failures();
            rows.add(new CheckRow(c.scenario() + "/" + c.transaction(), c.label(), HumanFormat.count(c.passes()),
                    HumanFormat.count(c.failures()), share(c.failures(), c.count()), failClass(c.failures(), c.count())));
        }
        return new Checks(HumanFormat.count(judged), HumanFormat.count(failed), share(failed, judged),
                failClass(failed, judged), rows);
    }

    /** The skipped requests, or null for a run that sent every request it made. */
    static Skipped skipped(RunSummary s) {
        if (s.skipped().isEmpty()) {
            return null;
        }
        List<SkipRow> byReason = new ArrayList<>();
        for (Map.Entry<String, Long> e : s.skippedByReason().entrySet()) {
            byReason.add(new SkipRow("", e.getKey(), describe(e.getKey()), HumanFormat.count(e.getValue())));
        }
        List<SkipRow> rows = new ArrayList<>();
        for (SkipStats k : s.skipped()) {
            rows.add(new SkipRow(k.scenario() + "/" + k.transaction(), k.reason(), describe(k.reason()),
                    HumanFormat.count(k.count())));
        }
        return new Skipped(HumanFormat.count(s.skippedTotal()), byReason, rows);
    }

    /** What a skip reason means, in one line. */
    static String describe(String reason) {
        if (reason.startsWith(SkipStats.UNSET_VARIABLE)) {
            return "a template used the variable '" + reason.substring(SkipStats.UNSET_VARIABLE.length())
                    + "', which was not set (an extractor found nothing, or none ran yet)";
        }
        return switch (reason) {
            case SkipStats.TEMPLATE_ERROR -> "the rendered request could not be sent (e.g. a header value with CR or LF)";
            case SkipStats.DATA_EXHAUSTED -> "a unique feeder had no row left; the user stopped";
            default -> "";
        };
    }

    private static String share(long part, long whole) {
        return whole == 0 ? HumanFormat.MISSING : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }

    private static String failClass(long failed, long judged) {
        if (failed == 0) {
            return "ok";
        }
        return 100.0 * failed / judged >= 5 ? "bad" : "warn";
    }
}
