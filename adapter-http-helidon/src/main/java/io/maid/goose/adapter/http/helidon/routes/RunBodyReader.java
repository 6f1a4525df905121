package io.maid.goose.adapter.http.helidon.routes;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a JSON request body (of {@code POST /run} and {@code POST /recipes}) without trusting it: the media type must be {@code application/json} (UTF-8),
 * the body at most {@value #MAX_BODY_BYTES} bytes (checked against {@code Content-Length} and again while
 * reading, so a chunked body cannot grow past it in memory), and the bytes valid UTF-8.
 */
public final class RunBodyReader {
    public static final int MAX_BODY_BYTES = 1 << 20;

    sealed interface Result {
    }

    record Body(String text) implements Result {
    }

    record Problem(int status, String error, String message) implements Result {
    }

    private RunBodyReader() {
    }

    /**
     * @param shape what a good body looks like, for the error messages, e.g. {@code {"config": {...}}}
     */
    static Result read(ServerRequest req, String shape) {
        Optional<String> contentType = req.headers().first(HeaderNames.CONTENT_TYPE);
        if (contentType.isEmpty() || !isJsonUtf8(contentType.get())) {
            return new Problem(415, "unsupported_media_type", "send the body as Content-Type: application/json");
        }
        Optional<String> length = req.headers().first(HeaderNames.CONTENT_LENGTH);
        if (length.isPresent()) {
            try {
                if (Long.parseLong(length.get().trim()) > MAX_BODY_BYTES) {
                    return tooLarge();
                }
            } catch (NumberFormatException e) {
                return new Problem(400, "bad_request", "Content-Length is not a number");
            }
        }
        if (!req.content().hasEntity()) {
            return new Problem(400, "malformed_json", "the request body is empty; send " + shape);
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            return tooLarge();
        }
        if (bytes.length == 0) {
            return new Problem(400, "malformed_json", "the request body is empty; send " + shape);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new Body(text);
        } catch (CharacterCodingException e) {
            return new Problem(400, "malformed_json", "the request body is not valid UTF-8");
        }
    }

    private static Problem tooLarge() {
        return new Problem(413, "payload_too_large", "the request body must be at most " + MAX_BODY_BYTES + " bytes");
    }

    /** {@code application/json}, optionally with {@code charset=utf-8}; any other charset is refused. */
    static boolean isJsonUtf8(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int eq = param.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = param.substring(eq + 1).trim().replace("\"", "").toLowerCase(Locale.ROOT);
            if (name.equals("charset") && !(value.equals("utf-8") || value.equals("utf8"))) {
                return false;
            }
        }
        return true;
    }
}
