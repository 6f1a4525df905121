package io.maid.goose.adapter.http.helidon.auth;

/**
 * In a request's context: the request was let in by a valid signed link to run {@code runId}'s reports
 * ({@link SignedLinkFilter}), not by a credential.
 */
public record SignedReportLink(String runId) {
}
