package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.testkit.ConfigDocuments;

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
    static final String REMOVE = ConfigDocuments.REMOVE;

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
        return ConfigDocuments.tree(json);
    }

    /** The example config with the value at {@code pointer} set to the JSON text {@code value}, or removed. */
    static String exampleWith(String pointer, String value) {
        return with(exampleConfig(), pointer, value).toString();
    }

    static JsonNode with(JsonNode document, String pointer, String value) {
        return ConfigDocuments.with(document, pointer, value);
    }

    static RunConfig valid(DecodeResult result) {
        return ConfigDocuments.valid(result);
    }

    static List<ConfigViolation> violations(DecodeResult result) {
        return ConfigDocuments.violations(result);
    }

    static List<String> pointers(DecodeResult result) {
        return ConfigDocuments.pointers(result);
    }
}
