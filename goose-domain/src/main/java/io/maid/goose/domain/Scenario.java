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
