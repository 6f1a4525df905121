package io.maid.goose.adapter.driver.lean;

import java.nio.charset.StandardCharsets;

/**
 * What {@link ResponseParser} asks of the raw bytes of a response head: case-insensitive names, token lists,
 * digits, and a printable excerpt for error messages. ASCII only, as HTTP/1.1's framing is; nothing allocates
 * but {@link #excerpt}.
 */
final class HeadBytes {
    private HeadBytes() {
    }

    /** Whether {@code buf[at .. at+length)} is {@code lowerName}, ignoring ASCII case. */
    static boolean nameMatches(byte[] buf, int at, int length, byte[] lowerName) {
        if (length != lowerName.length) {
            return false;
        }
        return regionMatches(buf, at, lowerName);
    }

    /** Whether the comma-separated list in {@code [from, to)} has {@code token} as its last element. */
    static boolean endsWithToken(byte[] buf, int from, int to, byte[] token) {
        int start = to - token.length;
        if (start < from || !regionMatches(buf, start, token)) {
            return false;
        }
        int i = start - 1;
        while (i >= from && isBlank(buf[i])) {
            i--;
        }
        return i < from || buf[i] == ',';
    }

    /** Whether the comma-separated list in {@code [from, to)} contains {@code token}. */
    static boolean containsToken(byte[] buf, int from, int to, byte[] token) {
        int i = from;
        while (i < to) {
            while (i < to && (isBlank(buf[i]) || buf[i] == ',')) {
                i++;
            }
            int start = i;
            while (i < to && buf[i] != ',') {
                i++;
            }
            int end = i;
            while (end > start && isBlank(buf[end - 1])) {
                end--;
            }
            if (end - start == token.length && regionMatches(buf, start, token)) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** {@code [from, to)} for an error message: quoted, at most 80 characters, control characters shown as '?'. */
    static String excerpt(byte[] buf, int from, int to) {
        int end = Math.min(to, from + 80);
        StringBuilder text = new StringBuilder(end - from + 2).append('\'');
        for (int i = from; i < end; i++) {
            char c = (char) (buf[i] & 0xff);
            text.append(c < ' ' || c >= 0x7f ? '?' : c);
        }
        return text.append(to > end ? "...'" : "'").toString();
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    /** The value of a hex digit, or -1. */
    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean regionMatches(byte[] buf, int at, byte[] lowerToken) {
        for (int i = 0; i < lowerToken.length; i++) {
            if (lower(buf[at + i]) != lowerToken[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }
}
