package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.ports.out.DecodeResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Test documents: the POST /run example of docs/api.md and edits of it, plus assertions on decode results. */
final class Documents {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Marks an edit that removes the property instead of setting it. */
    static final String REMOVE = "<remove>";

    private Documents() {
    }

    static String resource(String name) {
        try (InputStream in = Documents.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bare config of docs/api.md's POST /api/goose/run example. */
    static ObjectNode exampleConfig() {
        return (ObjectNode) tree(resource("api-example-config.json"));
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example config with the value at {@code pointer} set to the JSON text {@code value}, or removed. */
    static String exampleWith(String pointer, String value) {
        return with(exampleConfig(), pointer, value).toString();
    }

    static JsonNode with(JsonNode document, String pointer, String value) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = document.at(path.head());
        String last = path.last().getMatchingProperty();
        if (parent instanceof ArrayNode array) {
            int index = path.last().getMatchingIndex();
            if (value.equals(REMOVE)) {
                array.remove(index);
            } else if (index == array.size()) {
                array.add(tree(value));
            } else {
                array.set(index, tree(value));
            }
        } else if (parent instanceof ObjectNode object) {
            if (value.equals(REMOVE)) {
                object.remove(last);
            } else {
                object.set(last, tree(value));
            }
        } else {
            throw new IllegalArgumentException("no container at " + path.head() + " in " + document);
        }
        return document;
    }

    static RunConfig valid(DecodeResult result) {
        if (result instanceof DecodeResult.Invalid invalid) {
            throw new AssertionError("expected a valid config, got " + invalid.violations());
        }
        return ((DecodeResult.Valid) result).config();
    }

    static List<ConfigViolation> violations(DecodeResult result) {
        return assertInstanceOf(DecodeResult.Invalid.class, result, "expected violations").violations();
    }

    static List<String> pointers(DecodeResult result) {
        return violations(result).stream().map(ConfigViolation::pointer).toList();
    }
}
