package io.maid.goose.engine.schedule;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.Transaction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TransactionCursorTest {
    private static Transaction tx(String name, int weight) {
        return new Transaction(name, weight, RequestSpec.of(HttpMethod.GET, "/" + name));
    }

    @Test
    void aWeightedTransactionRunsWeightTimesInARowThenTheNextAndAroundAgain() {
        TransactionCursor cursor = new TransactionCursor(List.of(tx("a", 2), tx("b", 1), tx("c", 3)));
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            order.add(cursor.current().name() + cursor.index());
            cursor.advance();
        }
        assertEquals(List.of("a0", "a0", "b1", "c2", "c2", "c2", "a0", "a0", "b1", "c2", "c2", "c2"), order);
    }
}
