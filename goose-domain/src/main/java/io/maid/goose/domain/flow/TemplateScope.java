package io.maid.goose.domain.flow;

/**
 * What a {@link Template} renders from: one virtual user's session variables and the values of the
 * built-ins. The engine implements it per user (so a user's variables never leak to another), tests with
 * fixed values.
 */
public interface TemplateScope {
    /** The variable's value, or null when it is not set. */
    String variable(String name);

    /** {@code $user}: the user's 0-based index. */
    long userIndex();

    /** {@code $iteration}: how many iterations of its scenario the user has completed. */
    long iteration();

    /** {@code $run_id}. */
    String runId();

    /** {@code $uuid}: a fresh random UUID. */
    String uuid();

    /** {@code $random_int(A,B)}: uniform in {@code [min, max]}. */
    long randomInt(long min, long max);

    /** {@code $timestamp_ms}: wall time in ms since the epoch. */
    long timestampMs();
}
