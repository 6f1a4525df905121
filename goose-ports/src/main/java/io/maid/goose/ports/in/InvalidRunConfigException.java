package io.maid.goose.ports.in;

import io.maid.goose.domain.ConfigViolation;

import java.util.List;

/**
 * A decoded config that cannot be run as it is: what only the start of a run can find out, such as a data
 * feeder's CSV file that is missing, lies outside the folder the service reads from, is not valid CSV, or lacks a
 * column a template uses. Thrown by {@link StartRunUseCase#start} before anything is recorded or started.
 *
 * <p>The violations' pointers are relative to the config itself ({@code /data/0/csv}); a driving adapter puts
 * its own envelope in front ({@code /config/data/0/csv}), as it does for decoding violations.
 */
public final class InvalidRunConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigViolation> violations;

    /** @throws IllegalArgumentException when {@code violations} is empty */
    public InvalidRunConfigException(List<ConfigViolation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    private static String describe(List<ConfigViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid config needs at least one violation");
        }
        return violations.size() + " problem(s) in the run config, the first at " + violations.get(0).pointer() + ": "
                + violations.get(0).message();
    }

    /** Every problem, in config order, at least one. */
    public List<ConfigViolation> violations() {
        return violations;
    }
}
