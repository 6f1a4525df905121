package io.maid.goose.engine.schedule;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.Transaction;

import java.util.List;

/**
 * A virtual user's place in its scenario: the transactions in config order, each repeated {@code weight}
 * times in a row (weight 3 runs it three times consecutively, as in Goose), then from the top again.
 * The repetitions are counted, not expanded, so a large weight costs nothing. Not thread-safe: one
 * cursor per user.
 */
public final class TransactionCursor {
    private final List<Transaction> transactions;
    /** Each transaction's request, built once: the same object every send (the transports' fast path). */
    private final RequestSpec[] requests;
    private int index;
    private int repetition;

    public TransactionCursor(List<Transaction> transactions) {
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one transaction");
        }
        this.transactions = List.copyOf(transactions);
        this.requests = new RequestSpec[transactions.size()];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = this.transactions.get(i).http().constantRequest();
        }
    }

    /** The transaction to run now. */
    public Transaction current() {
        return transactions.get(index);
    }

    /** The current transaction's request. */
    public RequestSpec request() {
        return requests[index];
    }

    /** Its index within the scenario. */
    public int index() {
        return index;
    }

    /** Moves to the next transaction to run. */
    public void advance() {
        if (++repetition >= transactions.get(index).weight()) {
            repetition = 0;
            index = (index + 1) % transactions.size();
        }
    }
}
