package io.maid.goose.adapter.plugins.mistral;

import io.maid.goose.testkit.FakeHttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.ports.out.Recipe;
import io.maid.goose.ports.out.RecipeRejectedException;
import io.maid.goose.ports.out.RecipeRequest;
import io.maid.goose.testkit.FakeRunConfigCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.maid.goose.adapter.plugins.mistral.Mistral.CHAT;
import static io.maid.goose.adapter.plugins.mistral.Mistral.INVALID_METHOD;
import static io.maid.goose.adapter.plugins.mistral.Mistral.INVALID_USERS;
import static io.maid.goose.adapter.plugins.mistral.Mistral.KEY;
import static io.maid.goose.adapter.plugins.mistral.Mistral.VALID_CONFIG;
import static io.maid.goose.adapter.plugins.mistral.Mistral.completion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MistralRecipeGeneratorTest {
    private static final RecipeRequest SHOPPERS = new RecipeRequest("50 shoppers browse, one in ten buys", null, List.of());

    private final ObjectMapper json = new ObjectMapper();
    private final FakeRunConfigCodec codec = new FakeRunConfigCodec();
    private FakeHttpServer mistral;
    private MistralRecipeGenerator generator;

    @BeforeEach
    void start() throws Exception {
        mistral = new FakeHttpServer();
        generator = new MistralRecipeGenerator(Mistral.settings(mistral.uri()), codec);
    }

    @AfterEach
    void stop() {
        generator.close();
        mistral.close();
    }

    private JsonNode sent(int i) throws Exception {
        return json.readTree(mistral.requests(CHAT).get(i).body());
    }

    @Test
    void requestCarriesTheCodecSchemaAsJsonSchemaResponseFormat() throws Exception {
        mistral.on(CHAT, completion(VALID_CONFIG));
        generator.generate(SHOPPERS);

        JsonNode format = sent(0).get("response_format");
        assertEquals("json_schema", format.get("type").asText());
        assertEquals("goose_run_config", format.get("json_schema").get("name").asText());
        assertEquals(json.readTree(codec.schema()), format.get("json_schema").get("schema"));
    }

    @Test
    void requestNamesTheModelAtTemperatureZeroWithoutGrammar() throws Exception {
        mistral.on(CHAT, completion(VALID_CONFIG));
        generator.generate(SHOPPERS);

        JsonNode body = sent(0);
        assertEquals("goose-model", body.get("model").asText());
        assertEquals(0, body.get("temperature").asDouble());
        assertFalse(body.has("grammar"), "grammar and response_format are mutually exclusive in mistral.rs");
        assertEquals("POST", mistral.requests(CHAT).get(0).method());
        assertEquals("application/json", mistral.requests(CHAT).get(0).header("Content-Type"));
    }

    @Test
    void requestCarriesTheApiKeyAsBearer() {
        mistral.on(CHAT, completion(VALID_CONFIG));
        generator.generate(SHOPPERS);

        assertEquals("Bearer " + KEY, mistral.requests(CHAT).get(0).header("Authorization"));
    }

    @Test
    void withoutApiKeyNoAuthorizationIsSentAndTheDefaultModelIsAsked() throws Exception {
        mistral.on(CHAT, completion(VALID_CONFIG));
        try (MistralRecipeGenerator anonymous = new MistralRecipeGenerator(new MistralSettings(mistral.uri(), null), codec)) {
            anonymous.generate(SHOPPERS);
        }
        assertNull(mistral.requests(CHAT).get(0).header("Authorization"));
        assertEquals("default", sent(0).get("model").asText());
    }

    @Test
    void messagesAreTheSystemPromptThenThePrompt() throws Exception {
        mistral.on(CHAT, completion(VALID_CONFIG));
        generator.generate(SHOPPERS);

        JsonNode messages = sent(0).get("messages");
        assertEquals(2, messages.size());
        assertEquals("system", messages.get(0).get("role").asText());
        String system = messages.get(0).get("content").asText();
        for (String concept : List.of("think_time_seconds", "hatch_rate", "weight", "round-robin", "duration.seconds", "ONLY")) {
            assertTrue(system.contains(concept), "the system prompt explains " + concept);
        }
        assertEquals("user", messages.get(1).get("role").asText());
        assertTrue(messages.get(1).get("content").asText().contains("50 shoppers browse, one in ten buys"));
    }

    @Test
    void validAnswerIsReturnedAfterOneAttempt() {
        mistral.on(CHAT, completion(VALID_CONFIG));
        Recipe recipe = generator.generate(SHOPPERS);

        assertEquals(1, recipe.attempts());
        assertEquals("https://shop.example", recipe.config().targetBaseUrl().toString());
        assertEquals(50, recipe.config().users());
        assertEquals(2, recipe.config().scenarios().size());
        assertEquals(HttpMethod.POST, recipe.config().scenarios().get(1).transactions().get(0).http().method());
        assertTrue(recipe.notes().contains("mistral-7b-instruct"), recipe.notes());
        assertTrue(recipe.notes().contains("1 attempt"), recipe.notes());
        assertEquals(1, mistral.requests(CHAT).size());
    }

    @Test
    void thePromptIsKeptInPluginHints() {
        mistral.on(CHAT, completion(VALID_CONFIG));
        Recipe recipe = generator.generate(SHOPPERS);

        assertEquals(SHOPPERS.prompt(), recipe.config().pluginHints().mistralRecipePrompt());
    }

    @Test
    void invalidAnswerGetsOneRepairRoundListingTheViolations() throws Exception {
        mistral.on(CHAT, completion(INVALID_USERS), completion(VALID_CONFIG));
        Recipe recipe = generator.generate(SHOPPERS);

        assertEquals(2, recipe.attempts());
        assertEquals(50, recipe.config().users());
        assertTrue(recipe.notes().contains("2 attempts"), recipe.notes());
        JsonNode messages = sent(1).get("messages");
        assertEquals(4, messages.size());
        assertEquals("assistant", messages.get(2).get("role").asText());
        assertEquals(INVALID_USERS, messages.get(2).get("content").asText());
        assertEquals("user", messages.get(3).get("role").asText());
        String repair = messages.get(3).get("content").asText();
        assertTrue(repair.contains("/users: must be between 1 and 100000, was 0"), repair);
        assertTrue(repair.contains("complete JSON object"), repair);
        assertEquals(json.readTree(codec.schema()), sent(1).get("response_format").get("json_schema").get("schema"));
        assertFalse(sent(1).has("grammar"));
    }

    @Test
    void stillInvalidAfterRepairIsRejectedWithViolationsAndRawText() {
        mistral.on(CHAT, completion(INVALID_USERS), completion(INVALID_METHOD));
        RecipeRejectedException e = assertThrows(RecipeRejectedException.class, () -> generator.generate(SHOPPERS));

        assertEquals(2, e.attempts());
        assertEquals(INVALID_METHOD, e.rawText());
        assertEquals(List.of("/scenarios/0/transactions/0/request/method"), e.violations().stream().map(ConfigViolation::pointer).toList());
        assertTrue(e.getMessage().contains("FETCH"), e.getMessage());
        assertEquals(2, mistral.requests(CHAT).size());
    }

    @Test
    void truncatedAnswerIsRepaired() throws Exception {
        mistral.on(CHAT, completion("{\"target_base_url\":\"https://shop.example\",\"users\":5", "length"), completion(VALID_CONFIG));
        Recipe recipe = generator.generate(SHOPPERS);

        assertEquals(2, recipe.attempts());
        String repair = sent(1).get("messages").get(3).get("content").asText();
        assertTrue(repair.contains("output truncated (finish_reason=length)"), repair);
    }

    @Test
    void truncatedAnswerIsInvalidEvenWhenItParses() {
        mistral.on(CHAT, completion(VALID_CONFIG, "length"));
        RecipeRejectedException e = assertThrows(RecipeRejectedException.class, () -> generator.generate(SHOPPERS));

        assertEquals(List.of(new ConfigViolation("", "output truncated (finish_reason=length)")), e.violations());
        assertEquals(2, mistral.requests(CHAT).size());
    }

    @Test
    void requestedTargetOverridesTheModelsChoice() throws Exception {
        mistral.on(CHAT, completion(VALID_CONFIG));
        Recipe recipe = generator.generate(new RecipeRequest("browse the shop", "http://127.0.0.1:8080/api", List.of()));

        assertEquals("http://127.0.0.1:8080/api", recipe.config().targetBaseUrl().toString());
        assertTrue(recipe.notes().contains("target_base_url taken from the request"), recipe.notes());
        assertTrue(recipe.notes().contains("https://shop.example"), "notes name what the model proposed: " + recipe.notes());
        String user = sent(0).get("messages").get(1).get("content").asText();
        assertTrue(user.contains("http://127.0.0.1:8080/api"), user);
    }

    @Test
    void requestedTargetRescuesAnAnswerWhoseOwnTargetIsInvalid() {
        mistral.on(CHAT, completion(VALID_CONFIG.replace("https://shop.example", "shop")));
        Recipe recipe = generator.generate(new RecipeRequest("browse the shop", "https://real.example", List.of()));

        assertEquals(1, recipe.attempts());
        assertEquals("https://real.example", recipe.config().targetBaseUrl().toString());
    }

    @Test
    void requestedTagsAreHintedAndEndUpInPluginHints() throws Exception {
        mistral.on(CHAT, completion(VALID_CONFIG));
        Recipe recipe = generator.generate(new RecipeRequest("browse", null, List.of("canary", "eu")));

        assertEquals(List.of("canary", "eu"), recipe.config().pluginHints().tags());
        String user = sent(0).get("messages").get(1).get("content").asText();
        assertTrue(user.contains("canary, eu"), user);
    }

    @Test
    void markdownFenceAroundTheJsonIsTolerated() {
        mistral.on(CHAT, completion("```json\n" + VALID_CONFIG + "\n```"));
        assertEquals(1, generator.generate(SHOPPERS).attempts());
    }

    @Test
    void nonJsonAnswerIsRepairedWithTheCodecsViolation() throws Exception {
        mistral.on(CHAT, completion("Sure! Here is your config."), completion(VALID_CONFIG));
        assertEquals(2, generator.generate(SHOPPERS).attempts());
        assertTrue(sent(1).get("messages").get(3).get("content").asText().contains("(root): not JSON"));
    }

    @Test
    void blankPromptIsRefusedBeforeAnyModelIsAsked() {
        ConfigException e = assertThrows(ConfigException.class, () -> new RecipeRequest(" ", null, List.of()));
        assertEquals("prompt", e.field());
    }

    @Test
    void relativeTargetIsRefusedBeforeAnyModelIsAsked() {
        ConfigException e = assertThrows(ConfigException.class, () -> new RecipeRequest("browse", "/api", List.of()));
        assertEquals("target_base_url", e.field());
    }
}
