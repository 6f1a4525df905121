package io.maid.goose.engine.metrics;

import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.Check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Numbers every (scenario, transaction) pair of a run with a dense <em>slot</em>, every check with a dense
 * <em>check index</em> and every reason a request can be skipped with a <em>reason index</em>, so that
 * recorders and counters live in plain arrays; and names the groups a slot belongs to.
 *
 * <p>A scenario's transactions occupy the consecutive slots {@code slotBase(s) .. slotBase(s) +
 * transactionCount(s) - 1}, in config order: on_start, the iteration, on_stop ({@link Scenario#allTransactions()}),
 * so on_start and on_stop transactions are measured under their own names. A transaction's <em>local
 * index</em> is its position in that list. Its checks are numbered likewise, scenario by scenario from
 * {@code checkBase(s)}, in transaction and then config order.
 *
 * <p>Skip reasons: {@link #TEMPLATE_ERROR}, {@link #DATA_EXHAUSTED}, then {@code unset_variable:<name>} for every
 * variable a request template references, in name order. A run whose requests are all constant and that
 * feeds from no feeder cannot skip, and has no reasons at all. Immutable.
 */
public final class RunLayout {
    /** The reason index of a request that rendered to something that cannot be sent. */
    public static final int TEMPLATE_ERROR = 0;
    /** The reason index of a feeder that ran out of rows. */
    public static final int DATA_EXHAUSTED = 1;

    private final List<Scenario> scenarios;
    private final int[] slotBase;
    private final int[] scenarioOfSlot;
    private final List<Transaction> transactionOfSlot = new ArrayList<>();
    private final int[] checkBase;
    private final List<Integer> slotOfCheck = new ArrayList<>();
    private final List<String> checkLabels = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final Map<String, Integer> unsetReason = new HashMap<>();

    public RunLayout(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
        this.slotBase = new int[scenarios.size()];
        this.checkBase = new int[scenarios.size()];
        List<Integer> owners = new ArrayList<>();
        TreeSet<String> variables = new TreeSet<>();
        boolean canSkip = false;
        for (int s = 0; s < scenarios.size(); s++) {
            slotBase[s] = owners.size();
            checkBase[s] = slotOfCheck.size();
            for (Transaction t : scenarios.get(s).allTransactions()) {
                for (Check c : t.checks()) {
                    slotOfCheck.add(owners.size());
                    checkLabels.add(c.label());
                }
                owners.add(s);
                transactionOfSlot.add(t);
                variables.addAll(t.step().variables());
                canSkip |= t.feed() != null || !t.step().isConstant();
            }
        }
        scenarioOfSlot = owners.stream().mapToInt(Integer::intValue).toArray();
        if (canSkip) {
            reasons.add(SkipStats.TEMPLATE_ERROR);
            reasons.add(SkipStats.DATA_EXHAUSTED);
            for (String v : variables) {
                unsetReason.put(v, reasons.size());
                reasons.add(SkipStats.UNSET_VARIABLE + v);
            }
        }
    }

    public int slotCount() {
        return scenarioOfSlot.length;
    }

    public int scenarioCount() {
        return scenarios.size();
    }

    public Scenario scenario(int scenarioIndex) {
        return scenarios.get(scenarioIndex);
    }

    public int slotBase(int scenarioIndex) {
        return slotBase[scenarioIndex];
    }

    /** How many transactions the scenario has: on_start, the iteration and on_stop together. */
    public int transactionCount(int scenarioIndex) {
        int next = scenarioIndex + 1 < slotBase.length ? slotBase[scenarioIndex + 1] : slotCount();
        return next - slotBase[scenarioIndex];
    }

    public int scenarioOf(int slot) {
        return scenarioOfSlot[slot];
    }

    public Transaction transaction(int slot) {
        return transactionOfSlot.get(slot);
    }

    /** Every check of the run. */
    public int checkCount() {
        return slotOfCheck.size();
    }

    /** The run-wide index of the scenario's first check. */
    public int checkBase(int scenarioIndex) {
        return checkBase[scenarioIndex];
    }

    /** How many checks the scenario's transactions have. */
    public int checkCount(int scenarioIndex) {
        int next = scenarioIndex + 1 < checkBase.length ? checkBase[scenarioIndex + 1] : checkCount();
        return next - checkBase[scenarioIndex];
    }

    /** The slot whose transaction a check belongs to. */
    public int slotOfCheck(int check) {
        return slotOfCheck.get(check);
    }

    /** What the check is called in reports ({@link Check#label()}). */
    public String checkLabel(int check) {
        return checkLabels.get(check);
    }

    /** How many skip reasons the run has (0 when nothing can be skipped). */
    public int reasonCount() {
        return reasons.size();
    }

    /** A reason's wire text ({@code unset_variable:token}). */
    public String reason(int index) {
        return reasons.get(index);
    }

    /** The reason index of {@code variable} being unset; {@link #TEMPLATE_ERROR} for a name no template holds. */
    public int unsetReason(String variable) {
        Integer r = unsetReason.get(variable);
        return r == null ? TEMPLATE_ERROR : r;
    }

    /** The slot's transaction row, {@code "scenario/transaction"}. */
    public StatsKey transactionKey(int slot) {
        return StatsKey.transaction(scenarios.get(scenarioOfSlot[slot]).name(), transactionOfSlot.get(slot).name());
    }

    /**
     * The slot's request key: method, a space, scenario and transaction, e.g. {@code "GET shopper/page"}. The
     * scenario is part of it, so equal transaction names in two scenarios never share a row.
     */
    public StatsKey requestKey(int slot) {
        Transaction t = transactionOfSlot.get(slot);
        return StatsKey.request(t.http().method(), scenarios.get(scenarioOfSlot[slot]).name(), t.name());
    }

    /** A scenario's row. */
    public StatsKey scenarioKey(int scenarioIndex) {
        return StatsKey.scenario(scenarios.get(scenarioIndex).name());
    }
}
