package io.maid.goose.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A weighted sequence of transactions that a virtual user loops over. */
public record Scenario(String name, int weight, List<Transaction> transactions) {
    public Scenario {
        Checks.nonBlank("name", name);
        Checks.range("weight", weight, 1, 1_000_000);
        transactions = Checks.copy("transactions", transactions);
        if (transactions.isEmpty()) {
            throw new ConfigException("transactions", "must hold at least one transaction");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < transactions.size(); i++) {
            if (!seen.add(transactions.get(i).name())) {
                throw new ConfigException("transactions/" + i + "/name",
                        "duplicate transaction name '" + transactions.get(i).name() + "' in scenario '" + name + "'");
            }
        }
    }
}
