package io.maid.goose.domain;

/**
 * A named step of a scenario. A weight of {@code n} runs the transaction {@code n} times in a row, as in
 * Goose.
 */
public record Transaction(String name, int weight, RequestSpec request) {
    public Transaction {
        Checks.nonBlank("name", name);
        Checks.range("weight", weight, 1, 1_000_000);
        Checks.required("request", request);
    }

    public static Transaction of(String name, RequestSpec request) {
        return new Transaction(name, 1, request);
    }
}
