package io.maid.goose.adapter.plugins.mistral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.ports.out.Recipe;
import io.maid.goose.ports.out.RecipeRequest;
import io.maid.goose.testkit.FakeHttpServer;
import io.maid.goose.testkit.FakeRunConfigCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.maid.goose.adapter.plugins.mistral.Mistral.CHAT;
import static io.maid.goose.adapter.plugins.mistral.Mistral.completion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A generated flow (login in on_start, a token extracted and used, checks) is validated like any config. */
class MistralFlowRecipeTest {
    private static final RecipeRequest MEMBERS = new RecipeRequest(
            "20 members log in with their accounts, then look at their profile; check it is theirs", null, List.of());
    private static final String LOGIN_FLOW = """
            {"target_base_url":"https://shop.example","users":20,"hatch_rate":5,"duration":{"seconds":120},
             "data":[{"name":"accounts","rows":[{"username":"alice","password":"a1"},{"username":"bob","password":"b2"}]}],
             "scenarios":[{"name":"member",
               "on_start":[{"name":"login","feed":"accounts",
                 "request":{"method":"POST","path":"/login","headers":[{"name":"Content-Type","value":"application/json"}],
                            "body":"{\\"user\\":\\"{{accounts.username}}\\",\\"password\\":\\"{{accounts.password}}\\"}"},
                 "extract":[{"var":"token","json":"/token"}],"checks":[{"status":[200]}]}],
               "transactions":[{"name":"profile",
                 "request":{"method":"GET","path":"/profile","headers":[{"name":"Authorization","value":"Bearer %s"}]},
                 "checks":[{"json":"/user","equals":"{{accounts.username}}"}]}]}]}""";

    private final ObjectMapper json = new ObjectMapper();
    private FakeHttpServer mistral;
    private MistralRecipeGenerator generator;

    @BeforeEach
    void start() throws Exception {
        mistral = new FakeHttpServer();
        generator = new MistralRecipeGenerator(Mistral.settings(mistral.uri()), new FakeRunConfigCodec());
    }

    @AfterEach
    void stop() {
        generator.close();
        mistral.close();
    }

    @Test
    void aGeneratedLoginFlowIsValidatedAndReturnedWithItsExtractorAndChecks() {
        mistral.on(CHAT, completion(LOGIN_FLOW.formatted("{{token}}")));

        Recipe recipe = generator.generate(MEMBERS);

        assertEquals(1, recipe.attempts());
        Scenario member = recipe.config().scenarios().get(0);
        Transaction login = member.onStart().get(0);
        assertEquals("accounts", login.feed());
        assertEquals(List.of(new Extractor.JsonValue("token", "/token", null)), login.extract());
        assertEquals(List.of(new Check.Status(null, List.of(200))), login.checks());
        assertEquals("Bearer {{token}}", member.transactions().get(0).http().headers().get(0).value().text());
        assertEquals(List.of("username", "password"), ((FeedSource.Rows) recipe.config().data().get(0).source()).columns());
    }

    @Test
    void aGeneratedFlowUsingAVariableNothingSetsGetsTheRepairRoundWithThatViolation() throws Exception {
        mistral.on(CHAT, completion(LOGIN_FLOW.formatted("{{tokn}}")), completion(LOGIN_FLOW.formatted("{{token}}")));

        Recipe recipe = generator.generate(MEMBERS);

        assertEquals(2, recipe.attempts());
        String repair = json.readTree(mistral.requests(CHAT).get(1).body()).at("/messages/3/content").asText();
        assertTrue(repair.contains("- /scenarios/0/transactions/0/request/headers/0/value: variable 'tokn' is never set;"
                + " known: token, accounts.username, accounts.password"), repair);
        assertEquals("Bearer {{token}}", recipe.config().scenarios().get(0).transactions().get(0).http().headers().get(0).value().text());
    }

    @Test
    void theSystemPromptExplainsFlows() throws Exception {
        mistral.on(CHAT, completion(LOGIN_FLOW.formatted("{{token}}")));
        generator.generate(MEMBERS);

        JsonNode system = json.readTree(mistral.requests(CHAT).get(0).body()).at("/messages/0/content");
        for (String concept : List.of("on_start", "on_stop", "{{token}}", "{{$uuid}}", "data", "feed", "extract", "checks",
                "\"min\": 1, \"max\": 3", "restart_iteration", "Use only variables that something sets")) {
            assertTrue(system.asText().contains(concept), "the system prompt explains " + concept);
        }
    }
}
