package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.testkit.FakeMistral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mistral.rs recipes and the plugin list through the whole service, and what the service answers without
 * mistral.rs.
 */
class PluginRecipesAndHealthIntegrationTest extends PluginServiceFixture {
    @Test
    void aRecipeIsGeneratedWithTheConfiguredModelAndSchemaAndNeverStarted(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral();
             ServiceRuntime service = start(settings(dir, mistral(model) + ", \"model\": \"goose-test-model\"", ""))) {
            HttpResponse<String> res = call("POST", service.baseUrl() + "/recipes", """
                    {"prompt": "5 users browsing the home page for 30 seconds", "target_base_url": "http://127.0.0.1:9999"}""");
            assertEquals(200, res.statusCode(), res.body());
            JsonNode body = JSON.readTree(res.body());
            assertEquals(1, body.get("attempts").asInt());
            assertTrue(body.get("notes").isTextual() && !body.get("notes").asText().isBlank(), res.body());
            assertEquals("http://127.0.0.1:9999", body.at("/config/target_base_url").asText());
            assertEquals(5, body.at("/config/users").asInt());
            assertEquals("browse", body.at("/config/scenarios/0/name").asText());

            assertEquals(1, model.recipeRequests().size());
            JsonNode sent = model.recipeRequests().get(0);
            assertEquals("goose-test-model", sent.get("model").asText());
            assertEquals(0.0, sent.get("temperature").asDouble());
            assertTrue(sent.get("temperature").isNumber());
            assertEquals("json_schema", sent.at("/response_format/type").asText());
            assertEquals(FakeMistral.RECIPE_SCHEMA, sent.at("/response_format/json_schema/name").asText());
            JsonNode schema = JSON.readTree(call("GET", service.baseUrl() + "/schema", null).body());
            assertEquals(schema, sent.at("/response_format/json_schema/schema"), "the API's own run-config schema constrains decoding");
            assertFalse(sent.has("grammar"), "grammar and response_format are mutually exclusive");

            JsonNode status = JSON.readTree(call("GET", service.baseUrl() + "/status", null).body());
            assertFalse(status.at("/status/active").asBoolean());
            assertEquals("idle", status.at("/status/phase").asText());
            assertEquals(0, JSON.readTree(call("GET", service.baseUrl() + "/history", null).body()).get("total").asLong());
        }
    }

    @Test
    void thePluginListShowsMistralHealthyWithItsModels(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            HttpResponse<String> res = call("GET", service.baseUrl() + "/plugins", null);
            assertEquals(200, res.statusCode(), res.body());
            JsonNode plugins = JSON.readTree(res.body()).get("plugins");
            assertEquals(2, plugins.size(), res.body());
            JsonNode m = plugins.get(0);
            assertEquals("mistral.rs", m.get("name").asText());
            assertEquals("healthy", m.get("state").asText());
            assertEquals(model.endpoint(), m.get("endpoint").asText().replaceAll("/$", ""));
            assertEquals(List.of("default"), names(m.get("models")));
            assertTrue(m.get("last_error").isNull(), res.body());
            JsonNode keys = plugins.get(1);
            assertEquals("maid-apikeys", keys.get("name").asText());
            assertEquals("not_configured", keys.get("state").asText());
            assertTrue(keys.get("endpoint").isNull(), res.body());
        }
    }

    @Test
    void withNoPluginEndpointsBothPluginsAreListedAsNotConfigured(@TempDir Path dir) throws Exception {
        try (ServiceRuntime service = start(settings(dir, "", ""))) {
            HttpResponse<String> res = call("GET", service.baseUrl() + "/plugins", null);
            assertEquals(200, res.statusCode(), res.body());
            JsonNode plugins = JSON.readTree(res.body()).get("plugins");
            assertEquals(2, plugins.size(), res.body());
            assertEquals("mistral.rs", plugins.get(0).get("name").asText());
            assertEquals("maid-apikeys", plugins.get(1).get("name").asText());
            for (JsonNode p : plugins) {
                List<String> fields = new java.util.ArrayList<>();
                p.fieldNames().forEachRemaining(fields::add);
                assertEquals(List.of("name", "endpoint", "state", "last_error", "models"), fields, res.body());
                assertEquals("not_configured", p.get("state").asText(), res.body());
                assertTrue(p.get("endpoint").isNull(), res.body());
                assertEquals(0, p.get("models").size(), res.body());
            }
        }
    }

    // ---------------------------------------------------------------- without mistral.rs

    @Test
    void withoutMistralRecipesAreUnavailable(@TempDir Path dir) throws Exception {
        try (ServiceRuntime service = start(settings(dir, "", ""))) {
            HttpResponse<String> res = call("POST", service.baseUrl() + "/recipes", """
                    {"prompt": "5 users browsing", "target_base_url": "http://127.0.0.1:9999"}""");
            assertEquals(503, res.statusCode(), res.body());
            JsonNode body = JSON.readTree(res.body());
            assertEquals("plugin_unavailable", body.get("error").asText());
            assertEquals("mistral.rs", body.get("plugin").asText());
        }
    }

    @Test
    void withoutMistralRunsCompleteWithoutAnalysisAndAnalysisRequestsAreUnavailable(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget(); ServiceRuntime service = start(settings(dir, "", ""))) {
            String runId = startRun(service, target);
            JsonNode record = awaitRecord(service, runId, r -> r.get("report_files").size() == 4, "reports written");
            assertEquals("completed", record.get("status").asText());
            assertEquals("none", record.at("/analysis/state").asText());

            HttpResponse<String> res = call("POST", service.baseUrl() + "/history/" + runId + "/analysis", null);
            assertEquals(503, res.statusCode(), res.body());
            assertEquals("plugin_unavailable", JSON.readTree(res.body()).get("error").asText());
            JsonNode after = record(service, runId);
            assertEquals("none", after.at("/analysis/state").asText(), "a refused request leaves the record alone");
        }
    }
}
