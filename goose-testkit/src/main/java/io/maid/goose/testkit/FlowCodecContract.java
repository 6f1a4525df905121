package io.maid.goose.testkit;

import io.maid.goose.domain.ConfigViolation;
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
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static io.maid.goose.testkit.ConfigDocuments.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The flow part of the {@link RunConfigCodec} contract (issue 12's wire format): data feeders, on_start and
 * on_stop, templates, extractors, checks and think-time ranges. {@link RunConfigCodecContract} extends it, so
 * every codec is held to it.
 */
public abstract class FlowCodecContract {
    static final String LOGIN = "/scenarios/0/on_start/0";
    static final String PROFILE = "/scenarios/0/transactions/0";
    static final String AUTH = PROFILE + "/request/headers/0/value";
    /** A login flow: inline accounts, on_start login extracting a token, a profile check, on_stop logout. */
    static final String FLOW = """
            {"target_base_url": "http://127.0.0.1:8080", "users": 2, "hatch_rate": 2, "duration": {"seconds": 10},
             "data": [{"name": "accounts", "rows": [{"username": "alice", "password": "a"}, {"username": "bob", "password": "b"}]}],
             "scenarios": [{"name": "shop",
               "on_start": [{"name": "login", "feed": "accounts",
                 "request": {"method": "POST", "path": "/login", "body": "{\\"user\\":\\"{{accounts.username}}\\"}"},
                 "extract": [{"var": "token", "json": "/token"}], "checks": [{"status": [200]}]}],
               "transactions": [{"name": "profile",
                 "request": {"method": "GET", "path": "/profile", "headers": [{"name": "Authorization", "value": "Bearer {{token}}"}]},
                 "checks": [{"json": "/user", "equals": "{{accounts.username}}"}]}],
               "on_stop": [{"name": "logout", "request": {"method": "POST", "path": "/logout"}}]}]}""";

    /** The codec under test. */
    protected abstract RunConfigCodec codec();

    /** Feeders of every source and strategy, for a rich config. */
    public static List<DataFeeder> richData() {
        return List.of(new DataFeeder("accounts", new FeedSource.Rows(List.of("username", "password"),
                        List.of(List.of("alice", "a-secret"), List.of("bob", "b \"secret\""))), FeedStrategy.UNIQUE, OnExhausted.STOP_RUN),
                new DataFeeder("terms", new FeedSource.CsvFile("feeds/terms.csv"), FeedStrategy.RANDOM, OnExhausted.STOP_USER));
    }

    /**
     * A scenario with every flow field: on_start with a feeder, every extractor kind and a named check; templates
     * in a path, query values, header values, a body and check values; every check kind; a transaction's own think
     * time, fixed (zero) and a range; on_stop; restart_iteration.
     */
    public static Scenario richFlowScenario() {
        Transaction login = new Transaction("login", 1, HttpStep.of(new RequestSpec(HttpMethod.POST, "/login",
                List.of(new NameValue("Content-Type", "application/json")), List.of(),
                "{\"user\":\"{{accounts.username}}\",\"password\":\"{{accounts.password}}\"}", false, List.of(200))),
                "accounts", List.of(new Extractor.JsonValue("token", "/token", null),
                new Extractor.RegexMatch("csrf", "name=\"csrf\" value=\"([^\"]+)\"", 1, null),
                new Extractor.HeaderValue("next", "Location", "/home"), new Extractor.CookieValue("session", "SESSIONID", "")),
                List.of(new Check.Status("logged in", List.of(200)), new Check.MaxLatency(null, 250.5)), null);
        Transaction profile = new Transaction("profile", 2, HttpStep.of(new RequestSpec(HttpMethod.GET,
                "/users/{{accounts.username}}", List.of(new NameValue("Authorization", "Bearer {{token}}"),
                new NameValue("X-Request", "{{$uuid}}-{{$iteration}}")), List.of(), null, true, List.of())),
                null, List.of(), List.of(new Check.Json(null, "/user", new Expectation.Equals(Template.parse("{{accounts.username}}"))),
                new Check.Json("has an id", "/items/0/id", Expectation.EXISTS),
                new Check.Json(null, "/role", new Expectation.Matches("^(admin|user)$")),
                new Check.BodyContains("mentions the user", Template.parse("\"user\":\"{{accounts.username}}\"")),
                new Check.BodyMatches(null, "\"id\":\\s*\\d+"), new Check.Header(null, "X-Trace", Expectation.EXISTS),
                new Check.Header(null, "Cache-Control", new Expectation.Equals(Template.parse("no-store"))),
                new Check.Header("json", "Content-Type", new Expectation.Matches("^application/json"))), ThinkTime.NONE);
        Transaction search = new Transaction("search", 1, HttpStep.of(new RequestSpec(HttpMethod.GET, "/search", List.of(),
                List.of(new NameValue("q", "{{terms.q}} & more"), new NameValue("page", "{{$random_int(1,5)}}")), null, false,
                List.of())), "terms", List.of(), List.of(), ThinkTime.between(0.5, 2));
        Transaction logout = Transaction.of("logout", new RequestSpec(HttpMethod.POST, "/logout/{{session}}",
                List.of(new NameValue("Authorization", "Bearer {{token}}")), List.of(), "{{$run_id}} {{$timestamp_ms}} {{$user}}",
                false, List.of()));
        return new Scenario("shopper", 2, List.of(login), List.of(profile, search), List.of(logout), OnFailure.RESTART_ITERATION);
    }

    @Test
    void aLoginFlowDecodesWithItsFeederExtractorAndChecks() {
        RunConfig config = valid(codec().decode(FLOW));

        Scenario shop = config.scenarios().get(0);
        assertEquals(new FeedSource.Rows(List.of("username", "password"), List.of(List.of("alice", "a"), List.of("bob", "b"))),
                config.data().get(0).source());
        assertEquals("accounts", shop.onStart().get(0).feed());
        assertEquals(List.of(new Extractor.JsonValue("token", "/token", null)), shop.onStart().get(0).extract());
        assertEquals(List.of(new Check.Status(null, List.of(200))), shop.onStart().get(0).checks());
        assertEquals(List.of(new Check.Json(null, "/user", new Expectation.Equals(Template.parse("{{accounts.username}}")))),
                shop.transactions().get(0).checks());
        assertEquals("logout", shop.onStop().get(0).name());
        assertEquals(OnFailure.CONTINUE, shop.onFailure());
    }

    @Test
    void omittedFlowFieldsTakeTheirDefaults() {
        RunConfig config = valid(codec().decode(FLOW));

        assertEquals(FeedStrategy.CIRCULAR, config.data().get(0).strategy());
        assertEquals(OnExhausted.STOP_USER, config.data().get(0).onExhausted());
        assertEquals(RunConfig.DEFAULT_MAX_CAPTURE_BYTES, config.maxCaptureBytes());
        assertEquals(null, config.scenarios().get(0).transactions().get(0).thinkTime());
        assertEquals(List.of(), config.scenarios().get(0).onStop().get(0).extract());
    }

    @Test
    void thinkTimeRangesDecodeAtTheRunAndATransaction() {
        String json = ConfigDocuments.with(ConfigDocuments.with(ConfigDocuments.tree(FLOW), "/think_time_seconds",
                "{\"min\": 1, \"max\": 3}"), PROFILE + "/think_time_seconds", "{\"min\": 0.25, \"max\": 0.5}").toString();

        RunConfig config = valid(codec().decode(json));

        assertEquals(ThinkTime.between(1, 3), config.thinkTime());
        assertEquals(ThinkTime.between(0.25, 0.5), config.scenarios().get(0).transactions().get(0).thinkTime());
    }

    @Test
    void aConfigHoldingAJavaCheckIsRefusedNamingTheTransaction() {
        Transaction custom = new Transaction("judged", 1, HttpStep.of(RequestSpec.of(HttpMethod.GET, "/")), null, List.of(),
                List.of(new Check.Custom("is happy", response -> true, false)), null);
        RunConfig config = RunConfig.builder("http://127.0.0.1:8080").scenario(new Scenario("s", 1, List.of(custom))).build();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> codec().encode(config));

        assertTrue(refused.getMessage().contains("'judged'") && refused.getMessage().contains("'is happy'"), refused.getMessage());
    }

    @Test
    void aConfigHoldingAJavaExtractorIsRefusedNamingTheTransaction() {
        Transaction custom = new Transaction("picked", 1, HttpStep.of(RequestSpec.of(HttpMethod.GET, "/")), null,
                List.of(new Extractor.Custom("id", "pick id", response -> "1", false, null)), List.of(), null);
        RunConfig config = RunConfig.builder("http://127.0.0.1:8080").scenario(new Scenario("s", 1, List.of(custom))).build();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> codec().encode(config));

        assertTrue(refused.getMessage().contains("'picked'") && refused.getMessage().contains("'pick id'"), refused.getMessage());
    }

    static Stream<Arguments> badFlowInputs() {
        return Stream.of(
                arguments("an unclosed {{", AUTH, "\"Bearer {{token\"", AUTH),
                arguments("an unknown function", LOGIN + "/request/body", "\"{{$nope}}\"", LOGIN + "/request/body"),
                arguments("a variable nothing sets", AUTH, "\"Bearer {{tokn}}\"", AUTH),
                arguments("a column the feeder lacks", PROFILE + "/checks/0/equals", "\"{{accounts.email}}\"", PROFILE + "/checks/0/equals"),
                arguments("a feed naming no feeder", LOGIN + "/feed", "\"acounts\"", LOGIN + "/feed"),
                arguments("a regex that does not compile", LOGIN + "/extract/0", "{\"var\": \"token\", \"regex\": \"t=(\"}",
                        LOGIN + "/extract/0/regex"),
                arguments("a group beyond the regex's groups", LOGIN + "/extract/0",
                        "{\"var\": \"token\", \"regex\": \"t=(\\\\w+)\", \"group\": 2}", LOGIN + "/extract/0/group"),
                arguments("a bad JSON pointer in an extractor", LOGIN + "/extract/0", "{\"var\": \"token\", \"json\": \"token\"}",
                        LOGIN + "/extract/0/json"),
                arguments("a bad JSON pointer in a check", PROFILE + "/checks/0/json", "\"user\"", PROFILE + "/checks/0/json"),
                arguments("a duplicate feeder name", "/data/1", "{\"name\": \"accounts\", \"rows\": [{\"x\": \"1\"}]}", "/data/1/name"),
                arguments("a check of no kind", PROFILE + "/checks/0", "{\"name\": \"nothing\"}", PROFILE + "/checks/0"),
                arguments("a check of two kinds", PROFILE + "/checks/0", "{\"status\": [200], \"body_contains\": \"ok\"}", PROFILE + "/checks/0"),
                arguments("a json check with two expectations", PROFILE + "/checks/0",
                        "{\"json\": \"/user\", \"exists\": true, \"matches\": \"a\"}", PROFILE + "/checks/0"),
                arguments("an extractor with no source", LOGIN + "/extract/0", "{\"var\": \"token\"}", LOGIN + "/extract/0"),
                arguments("an extractor with two sources", LOGIN + "/extract/0", "{\"var\": \"token\", \"json\": \"/t\", \"cookie\": \"SID\"}",
                        LOGIN + "/extract/0"),
                arguments("a row with other keys", "/data/0/rows/1", "{\"username\": \"bob\"}", "/data/0/rows/1"),
                arguments("a feeder with both csv and rows", "/data/0/csv", "\"accounts.csv\"", "/data/0"),
                arguments("an unknown strategy", "/data/0/strategy", "\"round\"", "/data/0/strategy"),
                arguments("an unknown on_failure", "/scenarios/0/on_failure", "\"retry\"", "/scenarios/0/on_failure"),
                arguments("a transaction name used in on_start too", PROFILE + "/name", "\"login\"", PROFILE + "/name"),
                arguments("a think range whose max is below its min", "/think_time_seconds", "{\"min\": 3, \"max\": 1}",
                        "/think_time_seconds/max"),
                arguments("a negative think time of a transaction", PROFILE + "/think_time_seconds", "-1", PROFILE + "/think_time_seconds"),
                arguments("a capture limit below 1 KiB", "/max_capture_bytes", "1023", "/max_capture_bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlowInputs")
    void aBadFlowInputIsAViolationAtItsPointer(String input, String pointer, String value, String expected) {
        List<ConfigViolation> violations = violations(codec().decode(flowWith(pointer, value)));

        assertTrue(violations.stream().anyMatch(v -> v.pointer().equals(expected)), () -> input + ": " + violations);
    }

    @Test
    void anUnsetVariableIsNamedWithTheVariablesThatCanBeSet() {
        List<ConfigViolation> violations = violations(codec().decode(flowWith(AUTH, "\"Bearer {{tokn}}\"")));

        assertTrue(violations.stream().anyMatch(v -> v.pointer().equals(AUTH) && v.message().contains("'tokn' is never set")
                && v.message().contains("token, accounts.username, accounts.password")), violations::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/data/0/colour", LOGIN + "/extract/0/colour", PROFILE + "/checks/0/colour", "/scenarios/0/colour"})
    void anUnknownPropertyOfAFlowObjectIsAViolationAtItsOwnPointer(String pointer) {
        List<ConfigViolation> violations = violations(codec().decode(flowWith(pointer, "1")));

        assertEquals(List.of(pointer), violations.stream().map(ConfigViolation::pointer).toList());
    }

    private static String flowWith(String pointer, String value) {
        return ConfigDocuments.with(ConfigDocuments.tree(FLOW), pointer, value).toString();
    }

    /** The violations of {@code result}, each with a message that says something. */
    static List<ConfigViolation> violations(DecodeResult result) {
        List<ConfigViolation> violations = ConfigDocuments.violations(result);
        violations.forEach(v -> assertFalse(v.message() == null || v.message().isBlank(), v::toString));
        return violations;
    }
}
