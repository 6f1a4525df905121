package io.maid.goose.domain;

/**
 * How often one check of one transaction passed and failed over a run, as k6's checks summary shows them.
 * A check is judged once per response that arrived (a transport failure judges none), so
 * {@code passes + failures} is the number of responses it saw.
 *
 * @param scenario    the scenario's name
 * @param transaction the transaction's name
 * @param label       the check's name, or the description derived from it ({@code status in [200]})
 * @param passes      responses that passed it
 * @param failures    responses that failed it (each fails its request as {@link ErrorKind#CHECK_FAILED})
 */
public record CheckStats(String scenario, String transaction, String label, long passes, long failures) {
    public CheckStats {
        Checks.nonBlank("scenario", scenario);
        Checks.nonBlank("transaction", transaction);
        Checks.nonBlank("label", label);
    }

    /** Responses the check judged. */
    public long count() {
        return passes + failures;
    }
}
