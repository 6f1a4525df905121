package io.maid.goose.adapter.driver.httpclient5;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.support.http.FailureText;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/** Maps HttpClient and JDK exceptions onto {@link ErrorKind}s and short, stack-free descriptions. */
final class Failures {
    private Failures() {
    }

    /**
     * @param bytesReceived what the connection had read when it failed: a peer that sent bytes which never
     *                      formed a response spoke something other than HTTP
     */
    static ErrorKind classify(Throwable failure, long bytesReceived) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AllowListRedirects.Refused refused) {
                return refused.kind();
            }
            if (t instanceof ClientSession.BodyTooLargeException) {
                return ErrorKind.BODY_TOO_LARGE;
            }
            // HttpClient reports connect and TLS handshake timeouts as ConnectTimeoutException, so any other
            // timeout happened while waiting for the response.
            if (t instanceof ConnectTimeoutException) {
                return ErrorKind.CONNECT_TIMEOUT;
            }
            if (t instanceof ConnectException) {
                return ErrorKind.CONNECT_REFUSED;
            }
            if (t instanceof SocketTimeoutException) {
                return ErrorKind.RESPONSE_TIMEOUT;
            }
            if (t instanceof SSLHandshakeException) {
                return ErrorKind.TLS_ERROR;
            }
            if (t instanceof SSLException || t instanceof MalformedChunkCodingException
                    || t instanceof ProtocolException || t instanceof MessageConstraintException) {
                return ErrorKind.PROTOCOL_ERROR;
            }
            if (t instanceof NoHttpResponseException) {
                return bytesReceived > 0 ? ErrorKind.PROTOCOL_ERROR : ErrorKind.CONNECTION_RESET;
            }
            if (t instanceof ConnectionClosedException) {
                return ErrorKind.CONNECTION_RESET;
            }
            if (t instanceof SocketException && isResetMessage(t.getMessage())) {
                return ErrorKind.CONNECTION_RESET;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ErrorKind.IO_ERROR;
    }

    /**
     * Whether the failure says the connection closed under the request before any answer: no response at all,
     * the connection closed, or it was reset or its pipe broken.
     */
    static boolean closedUnderUs(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoHttpResponseException || t instanceof ConnectionClosedException
                    || (t instanceof SocketException && isResetMessage(t.getMessage()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isResetMessage(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("reset") || m.contains("broken pipe") || m.contains("connection abort");
    }

    /**
     * The outcome's description: a refused redirect's or an oversized body's own words, why a TLS handshake
     * failed ({@link FailureText#tlsHandshake}), else
     * {@link FailureText#describe}.
     */
    static String detail(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof AllowListRedirects.Refused || t instanceof ClientSession.BodyTooLargeException) {
                return t.getMessage();
            }
            if (t instanceof SSLHandshakeException) {
                return "TLS handshake failed: " + FailureText.tlsHandshake(t);
            }
        }
        return describe(failure);
    }

    /** See {@link FailureText#describe}. */
    static String describe(Throwable failure) {
        return FailureText.describe(failure);
    }
}
