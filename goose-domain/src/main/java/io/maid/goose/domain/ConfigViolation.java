package io.maid.goose.domain;

/** One problem in a submitted config: where it is (a JSON pointer) and what is wrong, for a human. */
public record ConfigViolation(String pointer, String message) {
    public ConfigViolation {
        if (pointer == null || message == null) {
            throw new IllegalArgumentException("pointer and message are required");
        }
    }
}
