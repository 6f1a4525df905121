package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import io.maid.goose.ports.out.JsonBodyReader;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Objects;

/**
 * {@link JsonBodyReader} with Jackson's streaming parser, straight over the captured bytes (UTF-8, or UTF-16/32
 * as Jackson detects them): no tree and no copy of the body is made, and siblings of the path to the value are
 * skipped without being kept.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The value at the RFC 6901 pointer: a string without its quotes and with its escapes resolved; a number
 *       exactly as written ({@code 4.50} stays {@code 4.50}); {@code true}, {@code false}, {@code null}; an object
 *       or array as compact JSON with its numbers as written. {@code ""} is the whole document.</li>
 *   <li>An array index is a decimal without leading zeros ({@code /items/0}); {@code -} matches nothing. A
 *       token that is a number names a property of an object ({@code {"0": ...}}).</li>
 *   <li>Null when the pointer matches nothing (a missing property, an index past the end, a path through a
 *       scalar), and when the body is not JSON up to the end of the value: it is read only as far as the value,
 *       so a body cut short after it (at {@code max_capture_bytes}) still yields it. Of repeated keys the first
 *       counts.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; it keeps nothing of a body.
 */
public final class JacksonJsonBodyReader implements JsonBodyReader {
    private final JsonFactory factory = new JsonFactory();

    /**
     * @throws IllegalArgumentException when {@code pointer} is not a JSON pointer, or {@code length} does not
     *                                  fit {@code body}
     */
    @Override
    public String read(byte[] body, int length, String pointer) {
        Objects.requireNonNull(body, "body");
        Objects.checkFromIndexSize(0, length, body.length);
        JsonPointer path = JsonPointer.compile(Objects.requireNonNull(pointer, "pointer"));
        if (length == 0) {
            return null;
        }
        try (JsonParser p = factory.createParser(body, 0, length)) {
            JsonToken at = p.nextToken();
            while (at != null && !path.matches()) {
                at = step(p, at, path);
                path = path.tail();
            }
            return at == null ? null : value(p, at);
        } catch (IOException e) {
            return null;
        }
    }

    /** Moves into the child {@code path} names; the token of that child, or null when there is none. */
    private static JsonToken step(JsonParser p, JsonToken at, JsonPointer path) throws IOException {
        if (at == JsonToken.START_OBJECT) {
            String name = path.getMatchingProperty();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                boolean wanted = name.equals(p.currentName());
                JsonToken value = p.nextToken();
                if (wanted) {
                    return value;
                }
                p.skipChildren();
            }
            return null;
        }
        if (at == JsonToken.START_ARRAY) {
            int index = path.getMatchingIndex();
            if (index < 0) {
                return null;
            }
            int i = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
                if (i++ == index) {
                    return t;
                }
                p.skipChildren();
            }
        }
        return null;
    }

    private String value(JsonParser p, JsonToken at) throws IOException {
        return switch (at) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            case START_OBJECT, START_ARRAY -> compact(p);
            default -> null;
        };
    }

    /** The object or array the parser is at, as compact JSON; numbers as written. */
    private String compact(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(out)) {
            int depth = 0;
            JsonToken t = p.currentToken();
            while (true) {
                copy(t, p, g);
                depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
                if (depth == 0) {
                    break;
                }
                t = p.nextToken();
                if (t == null) {
                    throw new IOException("the body ends inside the value");
                }
            }
        }
        return out.toString();
    }

    private static void copy(JsonToken t, JsonParser p, JsonGenerator g) throws IOException {
        switch (t) {
            case START_OBJECT -> g.writeStartObject();
            case START_ARRAY -> g.writeStartArray();
            case END_OBJECT -> g.writeEndObject();
            case END_ARRAY -> g.writeEndArray();
            case FIELD_NAME -> g.writeFieldName(p.currentName());
            case VALUE_STRING -> g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
            case VALUE_TRUE, VALUE_FALSE -> g.writeBoolean(t == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> g.writeNull();
            default -> throw new IOException("unexpected " + t);
        }
    }
}
