package io.maid.goose.ports.in;

/**
 * A finished run cannot be analysed because its measurements are no longer available (for example the
 * service restarted since the run). The message says why, for the client.
 */
public final class AnalysisInputUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AnalysisInputUnavailableException(String message) {
        super(message);
    }
}
