package io.maid.goose.engine.flow;

import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.engine.metrics.FlowCounters;
import io.maid.goose.engine.metrics.RunLayout;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.JsonBodyReader;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A run's flows made ready, once, before the first user starts: every scenario's transactions as
 * {@link TransactionPlan}s and every data feeder with its shared cursor. Then, per user, it makes the user's
 * {@link UserSession}, {@link UserFlow} and {@link StepRunner}, which the loop user and the thread user drive
 * alike. Immutable and thread-safe.
 */
public final class FlowPlan {
    private final RunLayout layout;
    private final ScenarioPlan[] scenarios;
    private final JsonBodyReader json;
    private final String runId;
    private final Clock clock;
    private final long seed;

    /**
     * @param json        reads JSON bodies for {@code json} checks and extractors; may be null when none is used
     * @param seed        the run's seed, from which each user's generator is derived
     * @param onExhausted told once per feeder, on any user's thread, when a {@code unique} feeder runs out
     * @throws IllegalStateException    when a {@code json} check or extractor is used and {@code json} is null
     * @throws IllegalArgumentException when a feeder still names its CSV file (the caller loads files into rows)
     */
    public static FlowPlan of(RunConfig config, RunLayout layout, JsonBodyReader json, String runId, Clock clock,
                              long seed, Consumer<DataFeeder> onExhausted) {
        Map<String, Feeder> feeders = new HashMap<>();
        for (DataFeeder f : config.data()) {
            feeders.put(f.name(), new Feeder(f, onExhausted));
        }
        ScenarioPlan[] scenarios = new ScenarioPlan[layout.scenarioCount()];
        for (int s = 0; s < scenarios.length; s++) {
            scenarios[s] = new ScenarioPlan(layout.scenario(s), feeders, config.thinkTime(), config.maxCaptureBytes());
            if (json == null && scenarios[s].readsJson()) {
                throw new IllegalStateException("scenario '" + layout.scenario(s).name() + "' has a json check or"
                        + " extractor, but the engine has no JSON body reader: give one to"
                        + " GooseEngine.builder().jsonBodyReader(...)");
            }
        }
        return new FlowPlan(layout, scenarios, json, runId, clock, seed);
    }

    private FlowPlan(RunLayout layout, ScenarioPlan[] scenarios, JsonBodyReader json, String runId, Clock clock,
                     long seed) {
        this.layout = layout;
        this.scenarios = scenarios;
        this.json = json;
        this.runId = runId;
        this.clock = clock;
        this.seed = seed;
    }

    /** The expected pause per transaction of scenario {@code s}'s users, for the coordinated-omission cadence. */
    public long meanThinkNanos(int s) {
        return scenarios[s].meanThinkNanos;
    }

    /** The check and skip counters of a user of scenario {@code s}. */
    public FlowCounters countersFor(int s) {
        int checks = layout.checkCount(s);
        return checks == 0 && layout.reasonCount() == 0 ? FlowCounters.NONE
                : new FlowCounters(checks, layout.transactionCount(s), layout.reasonCount());
    }

    /** Whether any scenario has on_stop transactions. */
    public boolean hasOnStop() {
        for (ScenarioPlan p : scenarios) {
            if (p.onStop.length > 0) {
                return true;
            }
        }
        return false;
    }

    /** What one user of scenario {@code s} runs: its session, its place in the flow and its step runner. */
    public UserPart userPart(int userIndex, int s, UserMeter meter) {
        UserSession session = new UserSession(userIndex, runId, clock, seed);
        return new UserPart(session, new UserFlow(scenarios[s], session),
                new StepRunner(session, meter, meter.counters().flows(), layout, json));
    }

    /** The per-user pieces; see {@link #userPart}. */
    public record UserPart(UserSession session, UserFlow flow, StepRunner runner) {
    }
}
