package io.maid.goose.engine.flow;

import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.OnFailure;
import io.maid.goose.domain.flow.ThinkTime;

import java.util.List;
import java.util.Map;

/** A scenario made ready to run: its on_start, iteration and on_stop transactions as plans. Immutable. */
final class ScenarioPlan {
    final Scenario scenario;
    final TransactionPlan[] onStart;
    final TransactionPlan[] iteration;
    final TransactionPlan[] onStop;
    final OnFailure onFailure;
    /** The mean pause per transaction over one iteration, weights counted: the user's expected think time. */
    final long meanThinkNanos;

    ScenarioPlan(Scenario scenario, Map<String, Feeder> feeders, ThinkTime runThink, int maxCaptureBytes) {
        this.scenario = scenario;
        int[] next = {0, 0};
        this.onStart = plans(scenario.onStart(), next, feeders, runThink, maxCaptureBytes);
        this.iteration = plans(scenario.transactions(), next, feeders, runThink, maxCaptureBytes);
        this.onStop = plans(scenario.onStop(), next, feeders, runThink, maxCaptureBytes);
        this.onFailure = scenario.onFailure();
        double sum = 0;
        long runs = 0;
        for (TransactionPlan t : iteration) {
            sum += t.thinkTime.meanSeconds() * t.transaction.weight();
            runs += t.transaction.weight();
        }
        this.meanThinkNanos = Math.round(sum / runs * 1e9);
    }

    /** Plans in order; {@code next} holds the next local transaction index and the next local check index. */
    private static TransactionPlan[] plans(List<Transaction> ts, int[] next, Map<String, Feeder> feeders,
                                           ThinkTime runThink, int maxCaptureBytes) {
        TransactionPlan[] out = new TransactionPlan[ts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new TransactionPlan(ts.get(i), next[0]++, next[1], feeders, runThink, maxCaptureBytes);
            next[1] += ts.get(i).checks().size();
        }
        return out;
    }

    /** Whether any of its transactions reads JSON. */
    boolean readsJson() {
        for (TransactionPlan[] list : new TransactionPlan[][] {onStart, iteration, onStop}) {
            for (TransactionPlan t : list) {
                if (t.readsJson()) {
                    return true;
                }
            }
        }
        return false;
    }
}
