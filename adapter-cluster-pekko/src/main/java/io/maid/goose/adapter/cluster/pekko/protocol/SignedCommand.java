package io.maid.goose.adapter.cluster.pekko.protocol;

/**
 * A run command as it travels to a worker: what to do ({@code kind}: segment, start or stop), for which run, its
 * body (JSON text), a fresh nonce, when it was issued, and the HMAC-SHA256 over all of them under the cluster's
 * secret. A worker acts on it only when the MAC checks, the timestamp is inside its window and the nonce is new.
 *
 * @param kind           {@code segment}, {@code start} or {@code stop}
 * @param runId          the run
 * @param body           the command's content as JSON text (a segment's config, or {@code {}})
 * @param nonce          128 random bits, base64url
 * @param issuedAtMillis the coordinator's wall time, epoch milliseconds
 * @param mac            base64 of the HMAC-SHA256; null for an unsigned command
 */
public record SignedCommand(String kind, String runId, String body, String nonce, long issuedAtMillis, String mac) {
    public static final String SEGMENT = "segment";
    public static final String START = "start";
    public static final String STOP = "stop";
}
