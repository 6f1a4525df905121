package io.maid.goose.adapter.http.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.ports.in.PluginUnavailableException;
import io.maid.goose.ports.out.PluginHealth;
import io.maid.goose.ports.out.PluginUpstreamException;
import io.maid.goose.ports.out.Recipe;
import io.maid.goose.ports.out.RecipeRejectedException;
import io.maid.goose.ports.out.RecipeRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.fieldNames;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.json;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RW_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.apiKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /recipes}, {@code POST /history/{run_id}/analysis} and {@code GET /plugins}. */
class PluginRoutesTest {
    static final String JSON = "application/json";
    static final FakePluginBus bus = new FakePluginBus();
    /** With the fake plugin bus. */
    static ApiHarness api;
    /** With no model server configured. */
    static ApiHarness bare;

    @BeforeAll
    static void start() {
        api = ApiHarness.options().plugins(bus).start();
        bare = ApiHarness.start();
    }

    @AfterAll
    static void stop() {
        api.close();
        bare.close();
    }

    @BeforeEach
    void reset() {
        api.reset();
        bare.reset();
        bus.reset();
    }

    static RunConfig config(String target) {
        return RunConfig.builder(target).users(25).hatchRate(5).durationSeconds(120).get("home", "/").build();
    }

    static String recipeBody(String prompt) {
        return "{\"prompt\": \"" + prompt + "\"}";
    }

    static RunRecord finishedRun(String id) {
        Instant t = Instant.parse("2024-06-15T12:00:00Z");
        return new RunRecord(id, RunState.COMPLETED, RunPhase.COMPLETED, t, t.plusSeconds(60), config("https://target.example"),
                null, List.of(), null, null, null, null);
    }

    // ---- POST /recipes

    @Test
    void aRecipeIsAnsweredWithTheEncodedConfigNotesAndAttemptsAndNoRunStarts() {
        bus.recipeAnswer = r -> new Recipe(config("https://shop.example.com"), "model default, 2 attempts", 2);
        HttpResponse<String> res = api.post("/recipes", JSON, "{\"prompt\": \"browse and buy\", "
                + "\"target_base_url\": \"https://shop.example.com\", \"tags\": [\"canary\"]}", apiKey(RW_KEY));
        assertEquals(200, res.statusCode(), res.body());
        JsonNode body = json(res.body());
        assertEquals(List.of("config", "notes", "attempts"), fieldNames(body));
        assertEquals(json(api.codec.encode(config("https://shop.example.com"))), body.get("config"));
        assertEquals("model default, 2 attempts", body.get("notes").asText());
        assertEquals(2, body.get("attempts").asInt());
        assertTrue(api.engine.starts.isEmpty(), "a recipe never starts a run");
    }

    @Test
    void theRecipeRequestCarriesPromptTargetAndTags() {
        bus.recipeAnswer = r -> new Recipe(config("https://shop.example.com"), "", 1);
        api.post("/recipes", JSON, "{\"prompt\": \"browse and buy\", \"target_base_url\": \"https://shop.example.com\","
                + " \"tags\": [\"canary\", \"eu\"]}", apiKey(RW_KEY));
        assertEquals(List.of(new RecipeRequest("browse and buy", "https://shop.example.com", List.of("canary", "eu"))),
                bus.recipeRequests);
    }

    @Test
    void aPromptAloneIsEnough() {
        bus.recipeAnswer = r -> new Recipe(config("https://target.example"), "", 1);
        assertEquals(200, api.post("/recipes", JSON, recipeBody("hammer the home page"), apiKey(RW_KEY)).statusCode());
        assertEquals(new RecipeRequest("hammer the home page", null, List.of()), bus.recipeRequests.get(0));
    }

    @Test
    void aPromptOfExactlyTenThousandCharactersIsAccepted() {
        bus.recipeAnswer = r -> new Recipe(config("https://target.example"), "", 1);
        assertEquals(200, api.post("/recipes", JSON, recipeBody("x".repeat(10_000)), apiKey(RW_KEY)).statusCode());
    }

    @Test
    void aRequestedTargetOutsideTheAllowListIs403BeforeTheModelIsAsked() {
        JsonNode body = assertError(api.post("/recipes", JSON, "{\"prompt\": \"load it\", "
                + "\"target_base_url\": \"https://internal.corp\"}", apiKey(RW_KEY)), 403, "target_not_allowed");
        assertEquals("request", body.get("source").asText());
        assertEquals("https://internal.corp", body.get("target").asText());
        assertTrue(body.get("message").asText().contains("security.allowed_targets"), body.toString());
        assertTrue(bus.recipeRequests.isEmpty(), "the model must not be called");
    }

    @Test
    void aGeneratedTargetOutsideTheAllowListIs403() {
        bus.recipeAnswer = r -> new Recipe(config("http://169.254.169.254"), "", 1);
        JsonNode body = assertError(api.post("/recipes", JSON, recipeBody("load the metadata service"), apiKey(RW_KEY)),
                403, "target_not_allowed");
        assertEquals("generated", body.get("source").asText());
        assertEquals("http://169.254.169.254", body.get("target").asText());
        assertTrue(body.get("message").asText().contains("security.allowed_targets"), body.toString());
        assertTrue(api.engine.starts.isEmpty());
    }

    @Test
    void withoutAModelServerARecipeIs503PluginUnavailable() {
        JsonNode body = assertError(bare.post("/recipes", JSON, recipeBody("load it"), apiKey(RW_KEY)), 503,
                "plugin_unavailable");
        assertEquals("mistral.rs", body.get("plugin").asText());
        assertTrue(body.get("message").asText().contains("plugin_bus.mistral_endpoint"), body.toString());
    }

    @Test
    void aRejectedRecipeIs422WithViolationsRawTextAndAttempts() {
        bus.recipeAnswer = r -> {
            throw new RecipeRejectedException(List.of(new ConfigViolation("/users", "must be at least 1"),
                    new ConfigViolation("/scenarios", "must be a non-empty array")), "{\"users\": 0}", 2);
        };
        JsonNode body = assertError(api.post("/recipes", JSON, recipeBody("zero users"), apiKey(RW_KEY)), 422,
                "recipe_invalid");
        assertEquals(2, body.get("violations").size());
        assertEquals("/users", body.get("violations").get(0).get("pointer").asText());
        assertEquals("must be at least 1", body.get("violations").get(0).get("message").asText());
        assertEquals("{\"users\": 0}", body.get("raw_text").asText());
        assertEquals(2, body.get("attempts").asInt());
    }

    @Test
    void anUpstreamTimeoutIs504() {
        bus.recipeAnswer = r -> {
            throw new PluginUpstreamException(PluginUpstreamException.Kind.TIMEOUT, 0,
                    "mistral.rs did not answer within 120 s");
        };
        JsonNode body = assertError(api.post("/recipes", JSON, recipeBody("slow"), apiKey(RW_KEY)), 504,
                "upstream_timeout");
        assertEquals("mistral.rs did not answer within 120 s", body.get("message").asText());
    }

    @Test
    void anUpstreamErrorIs502WithKindAndStatus() {
        bus.recipeAnswer = r -> {
            throw new PluginUpstreamException(PluginUpstreamException.Kind.UPSTREAM_ERROR, 500,
                    "mistral.rs answered 500: model crashed");
        };
        JsonNode body = assertError(api.post("/recipes", JSON, recipeBody("crash"), apiKey(RW_KEY)), 502,
                "upstream_error");
        assertEquals("upstream_error", body.get("kind").asText());
        assertEquals(500, body.get("upstream_status").asInt());
        assertEquals("mistral.rs answered 500: model crashed", body.get("message").asText());
    }

    @Test
    void anUnreachableUpstreamIs502WithoutAStatus() {
        bus.recipeAnswer = r -> {
            throw new PluginUpstreamException(PluginUpstreamException.Kind.UNREACHABLE, 0,
                    "mistral.rs at http://127.0.0.1:1234 refused the connection");
        };
        JsonNode body = assertError(api.post("/recipes", JSON, recipeBody("down"), apiKey(RW_KEY)), 502,
                "upstream_error");
        assertEquals("unreachable", body.get("kind").asText());
        assertTrue(body.get("upstream_status").isNull());
    }

    static Stream<Arguments> badRecipeBodies() {
        String tooManyTags = IntStream.range(0, 33).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));
        return Stream.of(
                Arguments.of("empty body", "", "malformed_json", null),
                Arguments.of("unterminated", "{\"prompt\": ", "malformed_json", null),
                Arguments.of("duplicate prompt", "{\"prompt\": \"a\", \"prompt\": \"b\"}", "malformed_json", null),
                Arguments.of("array body", "[\"load it\"]", "invalid_recipe_request", ""),
                Arguments.of("null body", "null", "invalid_recipe_request", ""),
                Arguments.of("empty object", "{}", "invalid_recipe_request", "/prompt"),
                Arguments.of("prompt null", "{\"prompt\": null}", "invalid_recipe_request", "/prompt"),
                Arguments.of("prompt empty", "{\"prompt\": \"\"}", "invalid_recipe_request", "/prompt"),
                Arguments.of("prompt blank", "{\"prompt\": \"  \\n\\t \"}", "invalid_recipe_request", "/prompt"),
                Arguments.of("prompt a number", "{\"prompt\": 42}", "invalid_recipe_request", "/prompt"),
                Arguments.of("prompt an object", "{\"prompt\": {\"text\": \"x\"}}", "invalid_recipe_request", "/prompt"),
                Arguments.of("prompt too long", recipeBody("x".repeat(10_001)), "invalid_recipe_request", "/prompt"),
                Arguments.of("unknown field", "{\"prompt\": \"x\", \"model\": \"gpt-4\"}", "invalid_recipe_request", "/model"),
                Arguments.of("config smuggled in", "{\"prompt\": \"x\", \"config\": {}}", "invalid_recipe_request", "/config"),
                Arguments.of("target a number", "{\"prompt\": \"x\", \"target_base_url\": 80}", "invalid_recipe_request",
                        "/target_base_url"),
                Arguments.of("target ftp", "{\"prompt\": \"x\", \"target_base_url\": \"ftp://target.example\"}",
                        "invalid_recipe_request", "/target_base_url"),
                Arguments.of("target relative", "{\"prompt\": \"x\", \"target_base_url\": \"/shop\"}",
                        "invalid_recipe_request", "/target_base_url"),
                Arguments.of("target with spaces", "{\"prompt\": \"x\", \"target_base_url\": \"http://a b\"}",
                        "invalid_recipe_request", "/target_base_url"),
                Arguments.of("tags a string", "{\"prompt\": \"x\", \"tags\": \"canary\"}", "invalid_recipe_request", "/tags"),
                Arguments.of("tag a number", "{\"prompt\": \"x\", \"tags\": [1]}", "invalid_recipe_request", "/tags/0"),
                Arguments.of("tag blank", "{\"prompt\": \"x\", \"tags\": [\"ok\", \" \"]}", "invalid_recipe_request", "/tags/1"),
                Arguments.of("too many tags", "{\"prompt\": \"x\", \"tags\": [" + tooManyTags + "]}",
                        "invalid_recipe_request", "/tags"),
                Arguments.of("deeply nested", "{\"prompt\": " + "[".repeat(5000) + "]".repeat(5000) + "}",
                        "malformed_json", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecipeBodies")
    void aBadRecipeBodyIs400NamingTheProblem(String name, String body, String error, String pointer) {
        JsonNode answer = assertError(api.post("/recipes", JSON, body, apiKey(RW_KEY)), 400, error);
        if (pointer != null) {
            List<String> pointers = answer.get("violations").findValuesAsText("pointer");
            assertTrue(pointers.contains(pointer), () -> name + ": " + answer);
        }
        assertTrue(bus.recipeRequests.isEmpty(), "the model must not be called");
    }

    @Test
    void aRecipeBodyThatIsNotJsonIs415() {
        assertError(api.post("/recipes", "text/plain", recipeBody("x"), apiKey(RW_KEY)), 415, "unsupported_media_type");
        assertTrue(bus.recipeRequests.isEmpty());
    }

    @Test
    void aRecipeBodyOverOneMebibyteIs413() {
        byte[] body = new byte[(1 << 20) + 1];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        assertError(api.postBytes("/recipes", JSON, body, apiKey(RW_KEY)), 413, "payload_too_large");
        assertTrue(bus.recipeRequests.isEmpty());
    }

    // ---- POST /history/{run_id}/analysis

    @Test
    void anAnalysisRequestIsAccepted202AsPending() {
        String id = UUID.randomUUID().toString();
        api.history.insert(finishedRun(id));
        HttpResponse<String> res = api.post("/history/" + id.toUpperCase() + "/analysis", JSON, "", apiKey(RW_KEY));
        assertEquals(202, res.statusCode(), res.body());
        JsonNode body = json(res.body());
        assertEquals(List.of("run_id", "analysis"), fieldNames(body));
        assertEquals(id, body.get("run_id").asText());
        assertEquals("pending", body.get("analysis").get("state").asText());
        assertEquals(List.of(id), bus.analysisRequests);
    }

    @Test
    void anAnalysisOfAnUnknownRunIs404() {
        assertError(api.post("/history/" + UUID.randomUUID() + "/analysis", JSON, "", apiKey(RW_KEY)), 404,
                "run_not_found");
        assertTrue(bus.analysisRequests.isEmpty());
    }

    @Test
    void anAnalysisTheUseCaseCannotFindIs404() {
        String id = UUID.randomUUID().toString();
        api.history.insert(finishedRun(id));
        bus.analysisFailure = new NoSuchElementException("gone");
        assertError(api.post("/history/" + id + "/analysis", JSON, "", apiKey(RW_KEY)), 404, "run_not_found");
    }

    @Test
    void anAnalysisWhoseMeasurementsAreGoneIs409WithTheReason() {
        String id = UUID.randomUUID().toString();
        api.history.insert(finishedRun(id));
        bus.analysisFailure = new io.maid.goose.ports.in.AnalysisInputUnavailableException("the measurements are no longer in memory");
        JsonNode body = assertError(api.post("/history/" + id + "/analysis", JSON, "", apiKey(RW_KEY)), 409,
                "analysis_unavailable");
        assertTrue(body.get("message").asText().contains("no longer in memory"), body.toString());
    }

    @Test
    void anAnalysisOfARunningRunIs409() {
        String id = UUID.randomUUID().toString();
        api.history.insert(finishedRun(id));
        bus.analysisFailure = new IllegalStateException("run " + id + " is still running");
        JsonNode body = assertError(api.post("/history/" + id + "/analysis", JSON, "", apiKey(RW_KEY)), 409,
                "run_not_finished");
        assertEquals(id, body.get("run_id").asText());
    }

    @Test
    void anAnalysisWithANonUuidRunIdIs400() {
        assertError(api.post("/history/not-a-run/analysis", JSON, "", apiKey(RW_KEY)), 400, "invalid_run_id");
        assertTrue(bus.analysisRequests.isEmpty());
    }

    @Test
    void withoutAModelServerAnAnalysisIs503() {
        String id = UUID.randomUUID().toString();
        bare.history.insert(finishedRun(id));
        JsonNode body = assertError(bare.post("/history/" + id + "/analysis", JSON, "", apiKey(RW_KEY)), 503,
                "plugin_unavailable");
        assertEquals("mistral.rs", body.get("plugin").asText());
    }

    @Test
    void aPluginThatGoesAwayAnswers503() {
        String id = UUID.randomUUID().toString();
        api.history.insert(finishedRun(id));
        bus.analysisFailure = new PluginUnavailableException("mistral.rs", "not configured");
        assertError(api.post("/history/" + id + "/analysis", JSON, "", apiKey(RW_KEY)), 503, "plugin_unavailable");
    }

    // ---- GET /plugins

    @Test
    void pluginsListNameEndpointStateLastErrorAndModels() {
        bus.health = List.of(
                new PluginHealth("mistral.rs", "http://127.0.0.1:1234", PluginHealth.State.HEALTHY, null,
                        List.of("default", "mistral-7b")),
                new PluginHealth("maid-apikeys", "http://127.0.0.1:43119", PluginHealth.State.UNREACHABLE,
                        "connection refused", List.of()));
        HttpResponse<String> res = api.get("/plugins", apiKey(RW_KEY));
        assertEquals(200, res.statusCode(), res.body());
        JsonNode body = json(res.body());
        assertEquals(List.of("plugins"), fieldNames(body));
        JsonNode first = body.get("plugins").get(0);
        assertEquals(List.of("name", "endpoint", "state", "last_error", "models"), fieldNames(first));
        assertEquals("mistral.rs", first.get("name").asText());
        assertEquals("http://127.0.0.1:1234", first.get("endpoint").asText());
        assertEquals("healthy", first.get("state").asText());
        assertTrue(first.get("last_error").isNull());
        assertEquals(List.of("default", "mistral-7b"), ApiAssertions.MAPPER.convertValue(first.get("models"), List.class));
        JsonNode second = body.get("plugins").get(1);
        assertEquals("unreachable", second.get("state").asText());
        assertEquals("connection refused", second.get("last_error").asText());
    }

    @Test
    void aConfiguredButUncheckedPluginIsConfigured() {
        bus.health = List.of(new PluginHealth("mistral.rs", "http://127.0.0.1:1234", PluginHealth.State.CONFIGURED,
                null, null));
        JsonNode p = json(api.get("/plugins", apiKey(RW_KEY)).body()).get("plugins").get(0);
        assertEquals("configured", p.get("state").asText());
        assertEquals(0, p.get("models").size());
    }

    @Test
    void withoutPluginsBothAreListedAsNotConfiguredInTheConfiguredShape() {
        HttpResponse<String> res = bare.get("/plugins", apiKey(RW_KEY));
        assertEquals(200, res.statusCode());
        assertEquals("{\"plugins\":["
                + "{\"name\":\"mistral.rs\",\"endpoint\":null,\"state\":\"not_configured\",\"last_error\":null,\"models\":[]},"
                + "{\"name\":\"maid-apikeys\",\"endpoint\":null,\"state\":\"not_configured\",\"last_error\":null,\"models\":[]}"
                + "]}", res.body());
    }
}
