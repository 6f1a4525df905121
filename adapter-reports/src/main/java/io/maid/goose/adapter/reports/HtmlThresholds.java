package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Checks;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.domain.threshold.ThresholdResult;
import io.maid.goose.domain.threshold.Verdict;

import java.util.List;

/**
 * The HTML report's thresholds: the verdict badge and one row per threshold with a passed/failed badge, all
 * preformatted text that the template escapes.
 */
final class HtmlThresholds {
    record Row(String badge, String badgeClass, String metric, String scope, String rule, String observed,
               String abort) {
    }

    record View(String verdict, String verdictClass, List<Row> rows) {
    }

    private HtmlThresholds() {
    }

    /** The view, or null when the run had no thresholds (no verdict badge, no section). */
    static View of(RunSummary s) {
        if (s.thresholds().isEmpty()) {
            return null;
        }
        List<Row> rows = s.thresholds().stream().map(HtmlThresholds::row).toList();
        Verdict v = s.verdict();
        return new View(v.wireName(), v == Verdict.PASSED ? "ok" : "bad", rows);
    }

    private static Row row(ThresholdResult r) {
        Threshold t = r.threshold();
        String abort = t.abortOnFail() ? "abort_on_fail after " + Checks.fmt(t.delayAbortEvalSeconds()) + " s" : "";
        return new Row(r.passed() ? "\u2713 passed" : "\u2717 failed", r.passed() ? "ok" : "bad", t.metric().wireName(),
                t.scope().wireName(), t.comparator().symbol() + " " + Checks.fmt(t.limit()) + " " + t.metric().unit(),
                r.describeObserved(), abort);
    }
}
