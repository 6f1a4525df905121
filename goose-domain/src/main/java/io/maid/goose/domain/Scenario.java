package io.maid.goose.domain;

import io.maid.goose.domain.flow.OnFailure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A weighted sequence of transactions that a virtual user loops over, with Goose's {@code on_start} (once per
 * user, before its first iteration) and {@code on_stop} (once when the user is stopped gracefully).
 *
 * @param onStart      transactions run once per user before its first iteration
 * @param transactions the iteration, at least one
 * @param onStop       transactions run once when the user is stopped gracefully (skipped when the run is aborted)
 * @param onFailure    what a failed request does to the iteration
 */
public record Scenario(String name, int weight, List<Transaction> onStart, List<Transaction> transactions,
                       List<Transaction> onStop, OnFailure onFailure) {
    public Scenario {
        Checks.nonBlank("name", name);
        Checks.range("weight", weight, 1, 1_000_000);
        onStart = Checks.copy("on_start", onStart);
        transactions = Checks.copy("transactions", transactions);
        onStop = Checks.copy("on_stop", onStop);
        if (transactions.isEmpty()) {
            throw new ConfigException("transactions", "must hold at least one transaction");
        }
        onFailure = onFailure == null ? OnFailure.CONTINUE : onFailure;
        Set<String> seen = new HashSet<>();
        unique(seen, "on_start", onStart, name);
        unique(seen, "transactions", transactions, name);
        unique(seen, "on_stop", onStop, name);
    }

    /** An iteration only: no on_start, no on_stop, continue on failure. */
    public Scenario(String name, int weight, List<Transaction> transactions) {
        this(name, weight, List.of(), transactions, List.of(), OnFailure.CONTINUE);
    }

    /**
     * Builds a scenario in code:
     * <pre>{@code
     * Scenario.builder("shopper").onStart(login).transaction(profile).transaction(search).onStop(logout)
     *         .onFailure(OnFailure.RESTART_ITERATION).build();
     * }</pre>
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects a scenario's parts; {@link #build()} validates them as the constructor does. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private int weight = 1;
        private final List<Transaction> onStart = new ArrayList<>();
        private final List<Transaction> transactions = new ArrayList<>();
        private final List<Transaction> onStop = new ArrayList<>();
        private OnFailure onFailure = OnFailure.CONTINUE;

        private Builder(String name) {
            this.name = name;
        }

        public Builder weight(int w) { weight = w; return this; }
        /** Runs once per user, before its first iteration. */
        public Builder onStart(Transaction... ts) { onStart.addAll(List.of(ts)); return this; }
        /** The iteration, in order. */
        public Builder transaction(Transaction... ts) { transactions.addAll(List.of(ts)); return this; }
        /** Runs once when the user is stopped gracefully. */
        public Builder onStop(Transaction... ts) { onStop.addAll(List.of(ts)); return this; }
        public Builder onFailure(OnFailure f) { onFailure = f; return this; }

        public Scenario build() {
            return new Scenario(name, weight, onStart, transactions, onStop, onFailure);
        }
    }

    private static void unique(Set<String> seen, String list, List<Transaction> ts, String scenario) {
        for (int i = 0; i < ts.size(); i++) {
            if (!seen.add(ts.get(i).name())) {
                throw new ConfigException(list + "/" + i + "/name", "duplicate transaction name '" + ts.get(i).name()
                        + "' in scenario '" + scenario + "' (names are unique across on_start, transactions and on_stop)");
            }
        }
    }

    /** Every transaction: on_start, then the iteration, then on_stop, in config order. */
    public List<Transaction> allTransactions() {
        List<Transaction> all = new ArrayList<>(onStart.size() + transactions.size() + onStop.size());
        all.addAll(onStart);
        all.addAll(transactions);
        all.addAll(onStop);
        return List.copyOf(all);
    }
}
