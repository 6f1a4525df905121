package io.maid.goose.adapter.metrics.prometheus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code scenario} and {@code transaction} label values of one run, with their number capped: the first
 * {@code cap} distinct transactions keep their names, and every later one is folded into
 * {@link #OTHER} ({@code other}/{@code other}), so a config with 10,000 transaction names costs {@code cap + 1}
 * label pairs, not 10,000. How many distinct transactions were folded is kept for the
 * {@code goose_folded_transactions} gauge. Not thread-safe: {@link RunMetrics} guards it.
 */
final class TransactionLabels {
    /** The label value every folded scenario and transaction gets. */
    static final String OTHER_NAME = "other";
    static final Pair OTHER = new Pair(OTHER_NAME, OTHER_NAME);

    private final int cap;
    private final Map<Pair, Pair> kept = new HashMap<>();
    private final Set<Pair> folded = new HashSet<>();

    TransactionLabels(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("the transaction label cap must be at least 1, was " + cap);
        }
        this.cap = cap;
    }

    /** The labels {@code scenario}/{@code transaction} are shown under: themselves, or {@link #OTHER}. */
    Pair labelsOf(String scenario, String transaction) {
        Pair p = new Pair(scenario, transaction);
        Pair known = kept.get(p);
        if (known != null) {
            return known;
        }
        if (folded.contains(p)) {
            return OTHER;
        }
        if (kept.size() < cap) {
            kept.put(p, p);
            return p;
        }
        folded.add(p);
        return OTHER;
    }

    /** Distinct transactions folded into {@link #OTHER} so far. */
    int foldedCount() {
        return folded.size();
    }

    /** A scenario and transaction, as label values. */
    record Pair(String scenario, String transaction) {
    }
}
