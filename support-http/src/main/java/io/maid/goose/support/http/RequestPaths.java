package io.maid.goose.support.http;

import java.nio.charset.StandardCharsets;

/** How every transport writes a configured request path onto the wire. */
public final class RequestPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestPaths() {
    }

    /**
     * Appends the configured path, percent-encoding (as UTF-8) only characters that may not appear in a URI,
     * so paths that are already encoded, or carry {@code ?} and {@code &}, go out unchanged.
     */
    public static void appendPath(StringBuilder target, String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x80 && isAllowedInPath(c)) {
                target.append(c);
            } else {
                int codePoint = path.codePointAt(i);
                if (Character.charCount(codePoint) == 2) {
                    i++;
                }
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    target.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
        }
    }

    private static boolean isAllowedInPath(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/%?".indexOf(c) >= 0;
    }
}
