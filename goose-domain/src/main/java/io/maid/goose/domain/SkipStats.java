package io.maid.goose.domain;

/**
 * Requests of one transaction that were not sent because they could not be made, by reason. A skipped
 * request never reaches the target and is never counted as a request.
 *
 * <p>Reasons: {@code unset_variable:<name>} (a template referenced a session variable that was not set),
 * {@code template_error} (the rendered request could not be sent, e.g. a header value with CR or LF) and
 * {@code data_exhausted} (a {@code unique} feeder had no row left; the user stopped).
 *
 * @param scenario    the scenario's name
 * @param transaction the transaction's name
 * @param reason      why, as above
 * @param count       how many times
 */
public record SkipStats(String scenario, String transaction, String reason, long count) {
    public static final String TEMPLATE_ERROR = "template_error";
    public static final String DATA_EXHAUSTED = "data_exhausted";
    public static final String UNSET_VARIABLE = "unset_variable:";

    public SkipStats {
        Checks.nonBlank("scenario", scenario);
        Checks.nonBlank("transaction", transaction);
        Checks.nonBlank("reason", reason);
    }
}
