package io.maid.goose.ports.out;

/**
 * A plugin's upstream server (such as mistral.rs) could not give a usable answer. The message names the
 * upstream, what went wrong and, when the upstream said why, its own words (at most 500 characters of
 * them); it never contains a credential, so it may be shown to clients as is.
 *
 * <p>The API maps {@link Kind#TIMEOUT} to 504 and every other kind to 502.
 */
public final class PluginUpstreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the caller needs to know. */
    public enum Kind {
        /** The upstream did not answer within the call's timeout (504). */
        TIMEOUT,
        /** Nothing to talk to: connection refused, reset or closed before an answer (502). */
        UNREACHABLE,
        /** An answer arrived but was unusable: not JSON, or not the expected shape (502). */
        BAD_RESPONSE,
        /** The upstream reported an error: a 4xx or 5xx status, with its message when it gave one (502). */
        UPSTREAM_ERROR
    }

    private final Kind kind;
    private final int upstreamStatus;

    /**
     * @param kind           what went wrong
     * @param upstreamStatus the upstream's HTTP status, or 0 if there was none
     * @param message        what went wrong, for a human; must not contain a credential
     * @param cause          the underlying failure, or {@code null}
     */
    public PluginUpstreamException(Kind kind, int upstreamStatus, String message, Throwable cause) {
        super(message, cause);
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        this.kind = kind;
        this.upstreamStatus = upstreamStatus;
    }

    public PluginUpstreamException(Kind kind, int upstreamStatus, String message) {
        this(kind, upstreamStatus, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The upstream's HTTP status, or 0 when no response arrived. */
    public int upstreamStatus() {
        return upstreamStatus;
    }
}
