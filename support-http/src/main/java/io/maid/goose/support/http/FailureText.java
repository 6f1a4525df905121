package io.maid.goose.support.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Failure descriptions for request outcomes: short, and never a stack trace. */
public final class FailureText {
    /** Descriptions are cut to this many characters. */
    public static final int MAX_DETAIL = 300;
    /** At most this many characters of a body go into an unexpected status's description. */
    public static final int SAMPLE_CHARS = 120;
    /** How many body bytes a transport keeps for {@link #unexpectedStatus}: enough for {@link #SAMPLE_CHARS} in UTF-8. */
    public static final int SAMPLE_BYTES = 4 * SAMPLE_CHARS;

    private FailureText() {
    }

    /** The exception's type and message, and its cause's when that says more; never a stack trace. */
    public static String describe(Throwable failure) {
        StringBuilder detail = new StringBuilder(failure.getClass().getSimpleName());
        if (failure.getMessage() != null) {
            detail.append(": ").append(failure.getMessage());
        }
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && cause.getMessage() != null
                && (failure.getMessage() == null || !failure.getMessage().contains(cause.getMessage()))) {
            detail.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 3) + "..." : detail.toString();
    }

    /**
     * Why a TLS handshake failed, said the way an operator looks for it, with the JDK's own words after it:
     * {@code the server's certificate has expired}, {@code the server's certificate does not name the host},
     * {@code the server's certificate is not trusted (unknown CA, or self-signed)}, else {@link #describe}.
     */
    public static String tlsHandshake(Throwable failure) {
        String reason = null;
        String words = null;
        boolean untrusted = false;
        for (Throwable t = failure; t != null && reason == null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof java.security.cert.CertificateExpiredException) {
                reason = "the server's certificate has expired";
                words = message;
            } else if (t instanceof java.security.cert.CertificateNotYetValidException) {
                reason = "the server's certificate is not valid yet";
                words = message;
            } else if (message.startsWith("No subject alternative") || message.startsWith("No name matching")) {
                reason = "the server's certificate does not name the host";
                words = message;
            } else if (t instanceof java.security.cert.CertPathValidatorException
                    || message.contains("unable to find valid certification path")) {
                untrusted = true; // unless a cause below says why more precisely
            }
        }
        if (reason == null && untrusted) {
            reason = "the server's certificate is not trusted (unknown CA, or self-signed)";
        }
        if (reason == null) {
            return describe(failure);
        }
        String detail = words == null || words.isEmpty() ? reason : reason + ": " + words;
        return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 3) + "..." : detail;
    }

    /**
     * How a response cut off by the request timeout is described: {@code no response within N ms} when not one
     * byte of it arrived, else {@code the response was not complete within N ms}.
     */
    public static String responseTimeout(boolean anyByte, long timeoutMillis) {
        return (anyByte ? "the response was not complete within " : "no response within ") + timeoutMillis + " ms";
    }

    /**
     * How a response with a status the request does not count as success is described for error tables:
     * {@code HTTP 500}, followed by {@code : } and the start of its body when it has one — at most
     * {@value #SAMPLE_CHARS} characters, decoded as UTF-8 (invalid bytes replaced), with control characters and
     * runs of white space each shown as one space.
     *
     * @param body   the first bytes of the body, as many as the transport kept (at most {@link #SAMPLE_BYTES} are read)
     * @param length how many of them are valid
     */
    public static String unexpectedStatus(int status, byte[] body, int length) {
        String head = "HTTP " + status;
        if (body == null || length <= 0) {
            return head;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer text = CharBuffer.allocate(Math.min(length, SAMPLE_BYTES));
        utf8.decode(ByteBuffer.wrap(body, 0, Math.min(length, SAMPLE_BYTES)), text, false);
        text.flip();
        StringBuilder sample = new StringBuilder(SAMPLE_CHARS);
        int chars = 0;
        boolean space = false;
        while (text.hasRemaining() && chars < SAMPLE_CHARS) {
            char c = text.get();
            if (c < ' ' || c == 0x7f || Character.isWhitespace(c)) {
                space = sample.length() > 0;
                continue;
            }
            if (space) {
                sample.append(' ');
                chars++;
                space = false;
                if (chars == SAMPLE_CHARS) {
                    break;
                }
            }
            sample.append(c);
            if (!Character.isHighSurrogate(c)) {
                chars++;
            }
        }
        return sample.length() == 0 ? head : head + ": " + sample;
    }
}
