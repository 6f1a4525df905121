package io.maid.goose.ports.out;

/** The credential authority could not answer; privileged operations must be refused (fail closed). */
public final class IntrospectionUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IntrospectionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
