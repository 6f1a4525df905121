package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.ThinkTime;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.maid.goose.adapter.config.json.Documents.resource;
import static io.maid.goose.adapter.config.json.Documents.tree;
import static io.maid.goose.adapter.config.json.Documents.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** encode writes the flow fields in issue 12's wire format, and refuses what has none. */
class FlowEncodeTest {
    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    @Test
    void theIssuesExampleSurvivesARoundTrip() {
        RunConfig config = valid(codec.decodeRequest(resource("issue-flow-example.json")));

        assertEquals(config, valid(codec.decode(codec.encode(config))));
    }

    @Test
    void feedersExtractorsAndChecksAreWrittenInTheWireFormat() {
        JsonNode encoded = tree(codec.encode(valid(codec.decodeRequest(resource("issue-flow-example.json")))));

        assertEquals("[{\"q\":\"shoes\"},{\"q\":\"hats\"}]", encoded.at("/data/1/rows").toString());
        assertEquals("{\"name\":\"accounts\",\"csv\":\"accounts.csv\",\"strategy\":\"circular\",\"on_exhausted\":\"stop_user\"}",
                encoded.at("/data/0").toString());
        assertEquals("[{\"var\":\"token\",\"json\":\"/token\"}]", encoded.at("/scenarios/0/on_start/0/extract").toString());
        assertEquals("[{\"body_contains\":\"results\",\"name\":\"has results\"}]",
                encoded.at("/scenarios/0/transactions/1/checks").toString());
        assertEquals("Bearer {{token}}", encoded.at("/scenarios/0/on_stop/0/request/headers/0/value").textValue());
    }

    @Test
    void aFixedThinkTimeIsANumberAndARangeAnObject() {
        RunConfig config = RunConfig.builder("http://127.0.0.1:8080").thinkTime(ThinkTime.between(1, 2.5))
                .scenario(new Scenario("s", 1, List.of(new Transaction("t", 1, HttpStep.of(RequestSpec.of(HttpMethod.GET, "/")),
                        null, List.of(), List.of(), ThinkTime.fixed(0.5))))).build();

        JsonNode encoded = tree(codec.encode(config));

        assertEquals("{\"min\":1,\"max\":2.5}", encoded.get("think_time_seconds").toString());
        assertEquals("0.5", encoded.at("/scenarios/0/transactions/0/think_time_seconds").toString());
    }

    @Test
    void aJavaCheckIsRefusedNamingItsTransactionAndScenario() {
        RunConfig config = withTransaction(new Transaction("profile", 1, HttpStep.of(RequestSpec.of(HttpMethod.GET, "/")), null,
                List.of(), List.of(new Check.Custom("is happy", response -> true, true)), null));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> codec.encode(config));

        assertEquals("the config cannot be encoded as JSON: transaction 'profile' of scenario 'shop' has the Java check"
                + " 'is happy', which has no JSON form; only configs without Check.custom can be encoded", refused.getMessage());
    }

    @Test
    void aJavaExtractorIsRefusedNamingItsTransactionAndScenario() {
        RunConfig config = withTransaction(new Transaction("login", 1, HttpStep.of(RequestSpec.of(HttpMethod.GET, "/")), null,
                List.of(new Extractor.Custom("token", "token from body", response -> "t", true, null)), List.of(), null));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> codec.encode(config));

        assertEquals("the config cannot be encoded as JSON: transaction 'login' of scenario 'shop' has the Java extractor"
                + " 'token from body' (of variable 'token'), which has no JSON form; only configs without Extractor.custom"
                + " can be encoded", refused.getMessage());
    }

    private static RunConfig withTransaction(Transaction t) {
        return RunConfig.builder("http://127.0.0.1:8080").scenario(new Scenario("shop", 1, List.of(t))).build();
    }
}
