package io.maid.goose.adapter.http.helidon.dashboard;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One file of the dashboard, held in memory with its media type and a strong validator.
 *
 * @param content     the bytes served
 * @param contentType the {@code Content-Type}, with a charset for text
 * @param etag        a quoted strong ETag derived from the content
 */
record StaticAsset(byte[] content, String contentType, String etag) {
    static StaticAsset of(String name, byte[] content) {
        return new StaticAsset(content, contentType(name), etag(content));
    }

    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String ext = lower.substring(lower.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "json" -> "application/json";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "txt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    private static String etag(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether an {@code If-None-Match} value names this version (or {@code *}). */
    boolean matches(String ifNoneMatch) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "StaticAsset[" + contentType + ", " + content.length + " bytes, " + etag + "]";
    }
}
