package io.maid.goose.testkit;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.ports.out.DecodeResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** For tests of run-config codecs: config documents edited at a JSON pointer, and decode results unwrapped. */
public final class ConfigDocuments {
    /** Marks an edit that removes the property or element instead of setting it. */
    public static final String REMOVE = "<remove>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigDocuments() {
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets the value at {@code pointer} in {@code document} to the JSON text {@code value}, or removes it
     * when {@code value} is {@link #REMOVE}; an index one past an array's end appends. Returns the document.
     */
    public static JsonNode with(JsonNode document, String pointer, String value) {
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

    /** The config of a valid result; fails the test with the violations otherwise. */
    public static RunConfig valid(DecodeResult result) {
        if (result instanceof DecodeResult.Invalid invalid) {
            throw new AssertionError("expected a valid config, got " + invalid.violations());
        }
        return ((DecodeResult.Valid) result).config();
    }

    /** The violations of an invalid result; fails the test otherwise. */
    public static List<ConfigViolation> violations(DecodeResult result) {
        return assertInstanceOf(DecodeResult.Invalid.class, result, "expected violations").violations();
    }

    public static List<String> pointers(DecodeResult result) {
        return violations(result).stream().map(ConfigViolation::pointer).toList();
    }
}
