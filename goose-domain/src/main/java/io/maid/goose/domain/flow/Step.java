package io.maid.goose.domain.flow;

import java.util.Set;

/**
 * What a transaction does: one request of a protocol, described with templates, plus how its response is
 * judged. HTTP is the first kind ({@link HttpStep}). The engine renders a step from a user's session (a
 * constant step is sent as one pre-built request, the transports' pre-encoded fast path) and judges the
 * response with the transaction's checks.
 */
public sealed interface Step permits HttpStep {
    /** Whether nothing in it is templated: it renders to the same request every time. */
    boolean isConstant();

    /** The session variables its templates reference. */
    Set<String> variables();

    /** Whether {@code status} counts as a success before any check runs. */
    boolean isSuccess(int status);

    /** The request-key label of its kind, e.g. the HTTP method. */
    String keyLabel();
}
