package io.maid.goose.adapter.driver;

/** The TLS settings of a session could not be turned into a trust configuration; the message says why. */
final class TlsSetupException extends RuntimeException {
    TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
