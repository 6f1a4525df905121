package io.maid.goose.domain.threshold;

import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Judging thresholds: pure functions over a {@link RunSummary}, used alike for the final verdict (over the
 * whole run) and for the per-second evaluation of {@code abort_on_fail} thresholds (over a summary of the run
 * so far).
 */
public final class Thresholds {
    /** The start of a run's failure reason when an {@code abort_on_fail} threshold stopped it. */
    public static final String ABORT_REASON = "threshold";

    private Thresholds() {
    }

    /** Every threshold of the summary's config, judged over the summary, in config order. */
    public static List<ThresholdResult> evaluate(RunSummary summary) {
        return evaluate(summary.config().thresholds(), summary);
    }

    /** {@code thresholds} judged over {@code summary}, in order. */
    public static List<ThresholdResult> evaluate(List<Threshold> thresholds, RunSummary summary) {
        List<ThresholdResult> out = new ArrayList<>(thresholds.size());
        for (Threshold t : thresholds) {
            out.add(ThresholdResult.judge(t, t.metric().observe(summary, t.scope())));
        }
        return List.copyOf(out);
    }

    /**
     * The verdict of a finished run: failed when the run failed (an {@code abort_on_fail} stop included) or
     * any threshold failed; passed otherwise, also with no thresholds.
     */
    public static Verdict verdict(RunState state, List<ThresholdResult> results) {
        if (state == RunState.FAILED) {
            return Verdict.FAILED;
        }
        for (ThresholdResult r : results) {
            if (!r.passed()) {
                return Verdict.FAILED;
            }
        }
        return Verdict.PASSED;
    }

    /** The failure reason of a run an {@code abort_on_fail} threshold stopped at {@code elapsedSeconds}. */
    public static String abortReason(ThresholdResult failed, double elapsedSeconds) {
        return String.format(java.util.Locale.ROOT, "%s: %s failed after %.0f s (observed %s); abort_on_fail stopped the run",
                ABORT_REASON, failed.threshold().describe(), elapsedSeconds, failed.describeObserved());
    }

    /**
     * The scopes that name no transaction or request key of {@code scenarios}, each as a violation at
     * {@code thresholds/<i>/scope}. A transaction's request keys are {@code <METHOD> <scenario>/<transaction>}
     * with its request's method; on_start and on_stop transactions count.
     */
    public static List<ConfigException> problems(List<Threshold> thresholds, List<Scenario> scenarios) {
        List<ConfigException> out = new ArrayList<>();
        for (int i = 0; i < thresholds.size(); i++) {
            ThresholdScope scope = thresholds.get(i).scope();
            if (scope.path() == null) {
                continue;
            }
            Transaction named = find(scope.path(), scenarios);
            String at = "thresholds/" + i + "/scope";
            if (named == null) {
                out.add(new ConfigException(at, "names no transaction: the config has no transaction '" + scope.path()
                        + "' (write transaction:<scenario>/<transaction>, e.g. " + example(scenarios) + ")"));
            } else if (scope.method() != null && !named.step().keyLabel().equals(scope.method().name())) {
                out.add(new ConfigException(at, "names no request key: transaction '" + scope.path() + "' sends "
                        + named.step().keyLabel() + ", so its scope is request:" + named.step().keyLabel() + " "
                        + scope.path()));
            }
        }
        return out;
    }

    private static Transaction find(String path, List<Scenario> scenarios) {
        for (Scenario s : scenarios) {
            for (Transaction t : s.allTransactions()) {
                if (path.equals(s.name() + "/" + t.name())) {
                    return t;
                }
            }
        }
        return null;
    }

    private static String example(List<Scenario> scenarios) {
        Scenario s = scenarios.get(0);
        return "transaction:" + s.name() + "/" + s.allTransactions().get(0).name();
    }
}
