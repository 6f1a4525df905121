package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.support.http.FailureText;

import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Maps I/O failures onto {@link ErrorKind}s and short, stack-free descriptions. */
final class Failures {
    private Failures() {
    }

    /** A failure while connecting: the TCP connect or the TLS handshake. */
    static ErrorKind whileConnecting(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return ErrorKind.CONNECT_TIMEOUT;
        }
        if (e instanceof ConnectException) {
            return ErrorKind.CONNECT_REFUSED;
        }
        if (e instanceof SSLException || e instanceof EOFException) {
            return ErrorKind.TLS_ERROR; // only the handshake reads while connecting
        }
        if (e instanceof UnknownHostException) {
            return ErrorKind.IO_ERROR;
        }
        if (e instanceof SocketException && isReset(e)) {
            return ErrorKind.CONNECTION_RESET;
        }
        return ErrorKind.IO_ERROR;
    }

    /** A failure after the connection was up: writing the request or reading the response. */
    static ErrorKind whileExchanging(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return ErrorKind.RESPONSE_TIMEOUT;
        }
        if (e instanceof ResponseParser.MalformedResponseException) {
            return ErrorKind.PROTOCOL_ERROR;
        }
        if (e instanceof ResponseParser.BodyTooLargeException) {
            return ErrorKind.BODY_TOO_LARGE;
        }
        if (e instanceof EOFException) {
            return ErrorKind.CONNECTION_RESET;
        }
        if (e instanceof SSLException) {
            return isReset(e) ? ErrorKind.CONNECTION_RESET : ErrorKind.PROTOCOL_ERROR;
        }
        if (e instanceof SocketException || (e.getClass() == IOException.class && isReset(e))) {
            // Channels report a write to a connection the peer closed as a plain IOException ("Broken pipe").
            return ErrorKind.CONNECTION_RESET;
        }
        return ErrorKind.IO_ERROR;
    }

    /**
     * Whether the failure says the peer had closed the connection before our request reached it: the stream
     * ended, or the connection was reset or its pipe broken.
     */
    static boolean closedUnderUs(IOException e) {
        return e instanceof EOFException
                || ((e instanceof SocketException || e.getClass() == IOException.class) && isReset(e));
    }

    /** Whether the failure says the peer reset or closed the connection under us. */
    static boolean isReset(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("reset") || m.contains("broken pipe") || m.contains("connection abort") || m.contains("closed");
    }

    /**
     * A connect failure described shortly, naming where it went ({@code host:port}) and not the local port, so
     * the same failure reads the same for every user: "connection refused by 127.0.0.1:8080".
     */
    static String connectDetail(ErrorKind kind, IOException e, Origin to) {
        String where = to.host().indexOf(':') >= 0 ? "[" + to.host() + "]:" + to.port() : to.host() + ":" + to.port();
        if (kind == ErrorKind.CONNECT_REFUSED) {
            return "connection refused by " + where;
        }
        if (kind == ErrorKind.CONNECT_TIMEOUT) {
            return "no connection to " + where + " within the request timeout";
        }
        if (kind == ErrorKind.TLS_ERROR) {
            return "TLS handshake with " + where + " failed: " + FailureText.tlsHandshake(e);
        }
        String detail = "connecting to " + where + " failed: " + describe(e);
        return detail.length() > 200 ? detail.substring(0, 197) + "..." : detail;
    }

    /** A failure during the TLS handshake with {@code to}, classified and described. */
    static Classified handshake(IOException e, Origin to) {
        if (e instanceof Classified classified) {
            return classified;
        }
        ErrorKind kind = whileConnecting(e);
        return new Classified(kind, connectDetail(kind, e, to));
    }

    /** A failure after the connection was up, classified: as it was where it happened, else {@link #whileExchanging}. */
    static Classified exchanging(IOException e) {
        return e instanceof Classified classified ? classified : new Classified(whileExchanging(e), describe(e));
    }

    /** A host that cannot be resolved, or its address not reached. */
    static Classified unreachable(String host) {
        return new Classified(ErrorKind.IO_ERROR, "cannot resolve or reach host '" + host + "'");
    }

    /** A failure already classified where it happened. */
    static final class Classified extends IOException {
        private final ErrorKind kind;

        Classified(ErrorKind kind, String detail) {
            super(detail, null);
            this.kind = kind;
        }

        ErrorKind kind() {
            return kind;
        }
    }

    /** See {@link FailureText#describe}. */
    static String describe(Throwable failure) {
        return FailureText.describe(failure);
    }
}
