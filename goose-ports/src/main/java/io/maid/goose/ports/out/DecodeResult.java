package io.maid.goose.ports.out;

import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;

import java.util.List;

/** A decoded config, or every violation found. */
public sealed interface DecodeResult {
    record Valid(RunConfig config) implements DecodeResult {
    }

    record Invalid(List<ConfigViolation> violations) implements DecodeResult {
        public Invalid {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one violation");
            }
        }
    }
}
