package io.maid.goose.engine.metrics;

import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.Transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers every (scenario, transaction) pair of a run with a dense <em>slot</em>, so that recorders and
 * counters live in plain arrays indexed by slot, and names the groups a slot belongs to.
 *
 * <p>A scenario's transactions occupy the consecutive slots {@code slotBase(s) .. slotBase(s) +
 * transactionCount(s) - 1}, in config order. Immutable.
 */
public final class RunLayout {
    private final List<Scenario> scenarios;
    private final int[] slotBase;
    private final int[] scenarioOfSlot;
    private final List<Transaction> transactionOfSlot = new ArrayList<>();

    public RunLayout(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
        this.slotBase = new int[scenarios.size()];
        List<Integer> owners = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            slotBase[s] = owners.size();
            for (Transaction t : scenarios.get(s).transactions()) {
                owners.add(s);
                transactionOfSlot.add(t);
            }
        }
        scenarioOfSlot = owners.stream().mapToInt(Integer::intValue).toArray();
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

    public int transactionCount(int scenarioIndex) {
        return scenarios.get(scenarioIndex).transactions().size();
    }

    public int scenarioOf(int slot) {
        return scenarioOfSlot[slot];
    }

    public Transaction transaction(int slot) {
        return transactionOfSlot.get(slot);
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
