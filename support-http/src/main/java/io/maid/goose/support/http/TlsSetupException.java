package io.maid.goose.support.http;

/** The TLS settings could not be turned into a trust configuration; the message says why, for the user. */
public final class TlsSetupException extends RuntimeException {
    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
