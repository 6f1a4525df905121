package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.RunConfig;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaClient;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static io.maid.goose.adapter.config.json.Documents.resource;
import static io.maid.goose.adapter.config.json.Documents.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The schema served at GET /api/goose/schema is a valid draft-07 document that a form generator can build a
 * good form from, and it agrees with the domain's defaults.
 *
 * <p>The draft-07 meta-schema test resource is a copy of http://json-schema.org/draft-07/schema.
 */
class RunConfigSchemaTest {
    private static final SchemaClient OFFLINE = url -> {
        throw new IllegalStateException("tests must not fetch " + url);
    };

    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();
    private final JsonNode schema = tree(codec.schema());

    @Test
    void theSchemaLoadsAsDraft07() {
        Schema loaded = load(new JSONObject(codec.schema()));

        assertEquals("Goose run configuration", loaded.getTitle());
    }

    @Test
    void theSchemaConformsToTheDraft07MetaSchema() {
        Schema metaSchema = load(new JSONObject(resource("json-schema-draft-07.json")));

        try {
            metaSchema.validate(new JSONObject(codec.schema()));
        } catch (ValidationException e) {
            fail(String.join("\n", e.getAllMessages()));
        }
    }

    @Test
    void theMetaSchemaCopyRejectsABrokenSchema() {
        Schema metaSchema = load(new JSONObject(resource("json-schema-draft-07.json")));

        assertThrowsValidation(() -> metaSchema.validate(new JSONObject("{\"type\":\"integr\",\"minimum\":\"one\"}")));
    }

    @Test
    void theRootDeclaresDraft07AnIdATitleAndADescription() {
        assertEquals("http://json-schema.org/draft-07/schema#", schema.path("$schema").textValue());
        assertTrue(schema.path("$id").textValue().startsWith("https://"));
        assertFalse(schema.path("title").asText().isBlank());
        assertFalse(schema.path("description").asText().isBlank());
    }

    @Test
    void everyPropertyAndItemHasATitleADescriptionAndExamples() {
        List<String> missing = new ArrayList<>();
        walk(schema, "", (node, where) -> {
            for (String keyword : List.of("title", "description")) {
                if (!node.path(keyword).isTextual() || node.path(keyword).textValue().isBlank()) {
                    missing.add(where + " lacks " + keyword);
                }
            }
            if (!node.path("examples").isArray() || node.path("examples").isEmpty()) {
                missing.add(where + " lacks examples");
            }
        });

        assertEquals(List.of(), missing);
    }

    @Test
    void everyExampleAndDefaultIsValidForItsOwnProperty() {
        List<String> invalid = new ArrayList<>();
        walk(schema, "", (node, where) -> {
            ObjectNode standalone = node.deepCopy();
            standalone.put("$schema", "http://json-schema.org/draft-07/schema#");
            standalone.set("definitions", schema.get("definitions"));
            Schema property = load(new JSONObject(standalone.toString()));
            List<JsonNode> samples = new ArrayList<>();
            node.path("examples").forEach(samples::add);
            if (node.has("default")) {
                samples.add(node.get("default"));
            }
            for (JsonNode sample : samples) {
                try {
                    property.validate(EveritSchemaCheck.toOrgJson(sample));
                } catch (ValidationException e) {
                    invalid.add(where + ": " + sample + " -> " + e.getMessage());
                }
            }
        });

        assertEquals(List.of(), invalid);
    }

    @Test
    void onlyPluginHintsAllowsUnknownProperties() {
        List<String> open = new ArrayList<>();
        List<String> typed = new ArrayList<>();
        walk(schema, "", (node, where) -> {
            JsonNode additional = node.path("additionalProperties");
            if ("object".equals(node.path("type").textValue()) && !additional.equals(BooleanNode.FALSE)) {
                (additional.isObject() ? typed : open).add(where);
            }
        });

        assertEquals(List.of("/plugin_hints"), open);
        assertEquals(List.of("/data[]/rows[]"), typed, "only a feeder's row names its own properties (its columns)");
    }

    @Test
    void theSchemaDefaultsAreTheValuesTheCodecFillsIn() {
        String minimal = """
                {"target_base_url": "https://target.example", "users": 1, "hatch_rate": 1, "duration": {"seconds": 1},
                 "scenarios": [{"name": "s", "transactions": [{"name": "t", "request": {"method": "GET", "path": "/"}}]}]}""";
        String minimalFlow = """
                {"target_base_url": "https://target.example", "users": 1, "hatch_rate": 1, "duration": {"seconds": 1},
                 "data": [{"name": "d", "rows": [{"c": "v"}]}], "thresholds": [{"metric": "error_rate", "lt": 1}],
                 "scenarios": [{"name": "s", "on_start": [{"name": "a", "request": {"method": "GET", "path": "/"}}],
                   "transactions": [{"name": "t", "feed": "d", "request": {"method": "GET", "path": "/"}}],
                   "on_stop": [{"name": "z", "request": {"method": "GET", "path": "/"}}]}]}""";
        String minimalOpen = """
                {"target_base_url": "https://target.example",
                 "load": {"arrival": {"stages": [{"rate_per_second": 1, "over_seconds": 1}], "max_users": 1}},
                 "scenarios": [{"name": "s", "transactions": [{"name": "t", "request": {"method": "GET", "path": "/"}}]}]}""";
        JsonNode filledIn = tree(codec.encode(Documents.valid(codec.decode(minimal))));
        JsonNode flowFilledIn = tree(codec.encode(Documents.valid(codec.decode(minimalFlow))));
        JsonNode openFilledIn = tree(codec.encode(Documents.valid(codec.decode(minimalOpen))));
        List<String> mismatches = new ArrayList<>();
        walk(schema, "", (node, where) -> {
            if (node.has("default")) {
                String pointer = where.replace("[]", "/0");
                String parent = pointer.substring(0, pointer.lastIndexOf('/'));
                JsonNode actual = (!filledIn.at(parent).isMissingNode() ? filledIn
                        : !flowFilledIn.at(parent).isMissingNode() ? flowFilledIn : openFilledIn).at(pointer);
                if (!tree(node.get("default").toString()).equals(tree(actual.toString()))) {
                    mismatches.add(where + ": schema says " + node.get("default") + ", codec fills in " + actual);
                }
            }
        });

        assertEquals(List.of(), mismatches);
    }

    @Test
    void theSchemaNamesEveryDefaultItsDomainHas() {
        List<String> withDefault = new ArrayList<>();
        walk(schema, "", (node, where) -> {
            if (node.has("default")) {
                withDefault.add(where);
            }
        });

        List<String> expected = new ArrayList<>(List.of("/load/arrival/start_rate_per_second",
                "/load/arrival/pre_allocated_users", "/think_time_seconds", "/data", "/data[]/strategy",
                "/data[]/on_exhausted", "/scenarios[]/weight", "/scenarios[]/on_start"));
        expected.addAll(transactionDefaults("/scenarios[]/on_start[]"));
        expected.addAll(transactionDefaults("/scenarios[]/transactions[]"));
        expected.add("/scenarios[]/on_stop");
        expected.addAll(transactionDefaults("/scenarios[]/on_stop[]"));
        expected.addAll(List.of("/scenarios[]/on_failure", "/scheduler", "/reports", "/reports/formats", "/plugin_hints",
                "/plugin_hints/tags", "/tls", "/tls/verify", "/request_timeout_seconds", "/max_response_bytes",
                "/max_capture_bytes", "/thresholds", "/thresholds[]/scope", "/thresholds[]/abort_on_fail",
                "/thresholds[]/delay_abort_eval_seconds"));
        assertEquals(expected, withDefault);
    }

    private static List<String> transactionDefaults(String at) {
        return List.of(at + "/weight", at + "/request/headers", at + "/request/query", at + "/request/allow_redirects",
                at + "/extract", at + "/checks");
    }

    /**
     * Visits the root and every schema reachable through properties, items, additionalProperties, the branches
     * of a oneOf and a $ref (at every place it is used); arrays are written {@code []}, a map's values
     * {@code /*}, and a oneOf's branches and a $ref's target share the place of their schema.
     */
    private void walk(JsonNode node, String where, BiConsumer<JsonNode, String> visitor) {
        visitor.accept(node, where);
        if (node.has("$ref")) {
            walk(schema.at(node.get("$ref").textValue().substring(1)), where, visitor);
        }
        for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
            walk(property.getValue(), where + "/" + property.getKey(), visitor);
        }
        if (node.path("items").isObject()) {
            walk(node.get("items"), where + "[]", visitor);
        }
        if (node.path("additionalProperties").isObject()) {
            walk(node.get("additionalProperties"), where + "/*", visitor);
        }
        node.path("oneOf").forEach(branch -> walk(branch, where, visitor));
    }

    private static Schema load(JSONObject json) {
        return SchemaLoader.builder().schemaJson(json).draftV7Support().schemaClient(OFFLINE).build().load().build();
    }

    private static void assertThrowsValidation(Runnable validation) {
        try {
            validation.run();
        } catch (ValidationException expected) {
            return;
        }
        fail("expected the meta-schema to reject the document");
    }
}
