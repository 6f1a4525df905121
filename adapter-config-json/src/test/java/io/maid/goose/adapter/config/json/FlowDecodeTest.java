package io.maid.goose.adapter.config.json;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.Expectation;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.FeedStrategy;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.OnExhausted;
import io.maid.goose.domain.flow.OnFailure;
import io.maid.goose.domain.flow.Template;
import io.maid.goose.domain.flow.ThinkTime;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.maid.goose.adapter.config.json.Documents.exampleWith;
import static io.maid.goose.adapter.config.json.Documents.resource;
import static io.maid.goose.adapter.config.json.Documents.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The flow fields of issue 12's wire format decode to the domain's flow types. */
class FlowDecodeTest {
    private static final String TX = "/scenarios/0/transactions/0";

    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    @Test
    void theIssuesExampleDecodesToTheFlowItDescribes() {
        RunConfig decoded = valid(codec.decodeRequest(resource("issue-flow-example.json")));

        RunConfig expected = RunConfig.builder("http://127.0.0.1:8080").users(10).hatchRate(10).durationSeconds(30)
                .thinkTimeSeconds(0.5)
                .data(new DataFeeder("accounts", new FeedSource.CsvFile("accounts.csv"), FeedStrategy.CIRCULAR, OnExhausted.STOP_USER))
                .data(new DataFeeder("terms", new FeedSource.Rows(List.of("q"), List.of(List.of("shoes"), List.of("hats"))),
                        FeedStrategy.RANDOM, OnExhausted.STOP_USER))
                .scenario(new Scenario("shopper", 1,
                        List.of(new Transaction("login", 1, HttpStep.of(new RequestSpec(HttpMethod.POST, "/login",
                                List.of(new NameValue("Content-Type", "application/json")), List.of(),
                                "{\"user\":\"{{accounts.username}}\",\"password\":\"{{accounts.password}}\"}", false, List.of())),
                                "accounts", List.of(new Extractor.JsonValue("token", "/token", null)),
                                List.of(new Check.Status(null, List.of(200))), null)),
                        List.of(new Transaction("profile", 1, HttpStep.of(new RequestSpec(HttpMethod.GET, "/profile",
                                        List.of(new NameValue("Authorization", "Bearer {{token}}")), List.of(), null, false, List.of())),
                                        null, List.of(), List.of(new Check.Json(null, "/user",
                                        new Expectation.Equals(Template.parse("{{accounts.username}}")))), null),
                                new Transaction("search", 1, HttpStep.of(new RequestSpec(HttpMethod.GET, "/search", List.of(),
                                        List.of(new NameValue("q", "{{terms.q}}")), null, false, List.of())),
                                        "terms", List.of(), List.of(new Check.BodyContains("has results", Template.parse("results"))), null)),
                        List.of(Transaction.of("logout", new RequestSpec(HttpMethod.POST, "/logout",
                                List.of(new NameValue("Authorization", "Bearer {{token}}")), List.of(), null, false, List.of()))),
                        OnFailure.CONTINUE))
                .build();
        assertEquals(expected, decoded);
    }

    @Test
    void theTemplatesOfARequestAreParsedOnce() {
        RunConfig decoded = valid(codec.decodeRequest(resource("issue-flow-example.json")));
        HttpStep login = decoded.scenarios().get(0).onStart().get(0).http();

        assertEquals(List.of("accounts.username", "accounts.password"), List.copyOf(login.body().variables()));
        assertEquals(false, login.isConstant());
    }

    @Test
    void inlineRowsTakeTheirColumnsFromTheFirstRowsKeysInOrder() {
        RunConfig decoded = valid(codec.decode(exampleWith("/data",
                "[{\"name\": \"people\", \"rows\": [{\"b\": \"1\", \"a\": \"2\"}, {\"a\": \"3\", \"b\": \"4\"}]}]")));

        assertEquals(new FeedSource.Rows(List.of("b", "a"), List.of(List.of("1", "2"), List.of("4", "3"))),
                decoded.data().get(0).source());
    }

    @Test
    void inlineNumbersAndBooleansAreUsedAsTheTextWritten() {
        // as raw text: a round trip through a tree would rewrite the numbers
        String json = resource("api-example-config.json").replaceFirst("\\{", "{\"data\": [{\"name\": \"n\", \"rows\":"
                + " [{\"i\": 42, \"d\": 4.50, \"e\": 1e3, \"b\": true}]}],");

        RunConfig decoded = valid(codec.decode(json));

        assertEquals(List.of(List.of("42", "4.50", "1000", "true")), ((FeedSource.Rows) decoded.data().get(0).source()).rows());
    }

    @Test
    void aFeedersStrategyAndOnExhaustedAreRead() {
        RunConfig decoded = valid(codec.decode(exampleWith("/data",
                "[{\"name\": \"once\", \"rows\": [{\"a\": \"1\"}], \"strategy\": \"unique\", \"on_exhausted\": \"stop_run\"}]")));

        assertEquals(FeedStrategy.UNIQUE, decoded.data().get(0).strategy());
        assertEquals(OnExhausted.STOP_RUN, decoded.data().get(0).onExhausted());
    }

    @Test
    void aThinkTimeRangeIsReadAtTheRunAndTheTransaction() {
        String json = Documents.with(Documents.with(Documents.exampleConfig(), "/think_time_seconds", "{\"min\": 1, \"max\": 3}"),
                TX + "/think_time_seconds", "{\"min\": 0.5, \"max\": 0.75}").toString();

        RunConfig decoded = valid(codec.decode(json));

        assertEquals(ThinkTime.between(1, 3), decoded.thinkTime());
        assertEquals(ThinkTime.between(0.5, 0.75), decoded.scenarios().get(0).transactions().get(0).thinkTime());
    }

    @Test
    void aTransactionWithoutThinkTimeTakesTheRunsAndAnExplicitZeroIsItsOwn() {
        RunConfig without = valid(codec.decode(Documents.exampleConfig().toString()));
        RunConfig zero = valid(codec.decode(exampleWith(TX + "/think_time_seconds", "0")));

        assertNull(without.scenarios().get(0).transactions().get(0).thinkTime());
        assertEquals(ThinkTime.NONE, zero.scenarios().get(0).transactions().get(0).thinkTime());
    }

    @Test
    void aRegexExtractorTakesGroupOneWhenTheRegexHasAGroup() {
        RunConfig decoded = valid(codec.decode(exampleWith(TX + "/extract", "[{\"var\": \"id\", \"regex\": \"id=(\\\\d+)\"}]")));

        assertEquals(new Extractor.RegexMatch("id", "id=(\\d+)", 1, null), decoded.scenarios().get(0).transactions().get(0).extract().get(0));
    }

    @Test
    void aRegexExtractorWithoutGroupsTakesTheWholeMatch() {
        RunConfig decoded = valid(codec.decode(exampleWith(TX + "/extract", "[{\"var\": \"id\", \"regex\": \"\\\\d+\"}]")));

        assertEquals(0, ((Extractor.RegexMatch) decoded.scenarios().get(0).transactions().get(0).extract().get(0)).group());
    }

    @Test
    void everyExtractorKindIsRead() {
        RunConfig decoded = valid(codec.decode(exampleWith(TX + "/extract", """
                [{"var": "a", "json": "/a/0"}, {"var": "b", "regex": "b=(\\\\w+)", "group": 0},
                 {"var": "c", "header": "Location"}, {"var": "d", "cookie": "SID", "default": "none"}]""")));

        assertEquals(List.of(new Extractor.JsonValue("a", "/a/0", null), new Extractor.RegexMatch("b", "b=(\\w+)", 0, null),
                new Extractor.HeaderValue("c", "Location", null), new Extractor.CookieValue("d", "SID", "none")),
                decoded.scenarios().get(0).transactions().get(0).extract());
    }

    @Test
    void everyCheckKindIsRead() {
        RunConfig decoded = valid(codec.decode(exampleWith(TX + "/checks", """
                [{"status": [200, 204]}, {"body_contains": "ok", "name": "says ok"}, {"body_matches": "\\\\d+"},
                 {"json": "/id", "exists": true}, {"json": "/role", "matches": "^a"}, {"header": "X-Id", "equals": "7"},
                 {"max_latency_ms": 250.5}]""")));

        assertEquals(List.of(new Check.Status(null, List.of(200, 204)), new Check.BodyContains("says ok", Template.parse("ok")),
                new Check.BodyMatches(null, "\\d+"), new Check.Json(null, "/id", Expectation.EXISTS),
                new Check.Json(null, "/role", new Expectation.Matches("^a")),
                new Check.Header(null, "X-Id", new Expectation.Equals(Template.parse("7"))), new Check.MaxLatency(null, 250.5)),
                decoded.scenarios().get(0).transactions().get(0).checks());
    }

    @Test
    void aBuiltInNeedsNoFeederOrExtractor() {
        RunConfig decoded = valid(codec.decode(exampleWith(TX + "/request/path", "\"/users/{{$user}}/{{$random_int(1,9)}}\"")));

        assertEquals(false, decoded.scenarios().get(0).transactions().get(0).step().isConstant());
    }

    @Test
    void theCaptureLimitIsRead() {
        assertEquals(65_536, valid(codec.decode(exampleWith("/max_capture_bytes", "65536"))).maxCaptureBytes());
    }
}
