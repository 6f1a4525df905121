package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.maid.goose.adapter.config.json.Documents.resource;
import static io.maid.goose.adapter.config.json.Documents.tree;
import static io.maid.goose.adapter.config.json.Documents.violations;
import static io.maid.goose.adapter.config.json.Documents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each bad flow input of issue 12 is one violation at its JSON pointer, with a message that says what to do. */
class FlowViolationTest {
    private static final String LOGIN = "/scenarios/0/on_start/0";
    private static final String PROFILE = "/scenarios/0/transactions/0";
    private static final String AUTH = PROFILE + "/request/headers/0/value";

    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    static Stream<Arguments> badInputs() {
        return Stream.of(
                arguments("an unclosed {{", AUTH, "\"Bearer {{token\"", AUTH,
                        "value: unclosed '{{' at character 8 of 'Bearer {{token': close the placeholder with '}}'"),
                arguments("an unknown function", LOGIN + "/request/body", "\"{{$nope}}\"", LOGIN + "/request/body",
                        "body: unknown function '{{$nope}}'; known: $user, $iteration, $uuid, $random_int(A,B), $timestamp_ms, $run_id"),
                arguments("an unclosed {{ in a path", PROFILE + "/request/path", "\"/users/{{id\"", PROFILE + "/request/path",
                        "path: unclosed '{{' at character 8 of '/users/{{id': close the placeholder with '}}'"),
                arguments("an unclosed {{ in a query value", PROFILE + "/request/query", "[{\"name\": \"q\", \"value\": \"{{q\"}]",
                        PROFILE + "/request/query/0/value", "value: unclosed '{{' at character 1 of '{{q': close the placeholder with '}}'"),
                arguments("an unclosed {{ in a check value", PROFILE + "/checks/0/equals", "\"{{accounts.username\"",
                        PROFILE + "/checks/0/equals",
                        "equals: unclosed '{{' at character 1 of '{{accounts.username': close the placeholder with '}}'"),
                arguments("a variable nothing sets", AUTH, "\"Bearer {{tokn}}\"", AUTH,
                        "value: variable 'tokn' is never set; known: token, accounts.username, accounts.password"),
                arguments("a column the feeder lacks", PROFILE + "/checks/0/equals", "\"{{accounts.email}}\"",
                        PROFILE + "/checks/0/equals", "equals: variable 'accounts.email' is never set: feeder 'accounts' has no"
                                + " column 'email' (its columns: username, password); known: token, accounts.username, accounts.password"),
                arguments("a regex that does not compile", LOGIN + "/extract/0", "{\"var\": \"token\", \"regex\": \"t=(\"}",
                        LOGIN + "/extract/0/regex", "regex: is not a valid regular expression: Unclosed group at index 3"),
                arguments("a group beyond the regex's groups", LOGIN + "/extract/0", "{\"var\": \"token\", \"regex\": \"t=(\\\\w+)\", \"group\": 2}",
                        LOGIN + "/extract/0/group", "group: must be between 0 and 1 (the regex has 1 group), was 2"),
                arguments("a group on another extractor", LOGIN + "/extract/0", "{\"var\": \"token\", \"json\": \"/t\", \"group\": 1}",
                        LOGIN + "/extract/0/group", "group: applies only to a regex extractor"),
                arguments("a bad JSON pointer in an extractor", LOGIN + "/extract/0", "{\"var\": \"token\", \"json\": \"token\"}",
                        LOGIN + "/extract/0/json", "json: must be a JSON pointer (RFC 6901) such as /token or /items/0/id, was 'token'"),
                arguments("a bad escape in a JSON pointer of a check", PROFILE + "/checks/0/json", "\"/a~2b\"", PROFILE + "/checks/0/json",
                        "json: has a '~' not followed by 0 or 1 (write ~0 for '~' and ~1 for '/'): '/a~2b'"),
                arguments("a regex check that does not compile", PROFILE + "/checks/0", "{\"body_matches\": \"[a\"}",
                        PROFILE + "/checks/0/body_matches",
                        "body_matches: is not a valid regular expression: Unclosed character class at index 1"),
                arguments("a check of no kind", PROFILE + "/checks/0", "{\"name\": \"nothing\"}", PROFILE + "/checks/0",
                        "checks[0]: has no kind; a check is exactly one of status, body_contains, body_matches, json, header or max_latency_ms"),
                arguments("a check of two kinds", PROFILE + "/checks/0", "{\"status\": [200], \"body_contains\": \"ok\"}", PROFILE + "/checks/0",
                        "checks[0]: has status and body_contains; a check is exactly one of status, body_contains, body_matches, json, header or max_latency_ms"),
                arguments("a json check without an expectation", PROFILE + "/checks/0", "{\"json\": \"/user\"}", PROFILE + "/checks/0",
                        "checks[0]: has no expectation; a json check takes exactly one of exists, equals or matches"),
                arguments("a header check with two expectations", PROFILE + "/checks/0",
                        "{\"header\": \"X\", \"exists\": true, \"matches\": \"a\"}", PROFILE + "/checks/0",
                        "checks[0]: has exists and matches; a header check takes exactly one of exists, equals or matches"),
                arguments("an expectation on a status check", PROFILE + "/checks/0", "{\"status\": [200], \"equals\": \"x\"}",
                        PROFILE + "/checks/0/equals", "equals: applies only to a json or header check"),
                arguments("exists: false", PROFILE + "/checks/0", "{\"json\": \"/user\", \"exists\": false}", PROFILE + "/checks/0/exists",
                        "exists: must be one of true, was false"),
                arguments("an empty status list", LOGIN + "/checks/0/status", "[]", LOGIN + "/checks/0/status",
                        "status: must hold at least 1 item"),
                arguments("a latency limit of 0", PROFILE + "/checks/0", "{\"max_latency_ms\": 0}", PROFILE + "/checks/0/max_latency_ms",
                        "max_latency_ms: must be a number greater than 0 and at most 3600000, was 0"),
                arguments("an extractor with no source", LOGIN + "/extract/0", "{\"var\": \"token\", \"default\": \"x\"}", LOGIN + "/extract/0",
                        "extract[0]: has no source; an extractor takes its value from exactly one of json, regex, header or cookie"),
                arguments("an extractor with two sources", LOGIN + "/extract/0", "{\"var\": \"token\", \"json\": \"/t\", \"cookie\": \"SID\"}",
                        LOGIN + "/extract/0",
                        "extract[0]: has json and cookie; an extractor takes its value from exactly one of json, regex, header or cookie"),
                arguments("a variable that is not a name", LOGIN + "/extract/0/var", "\"my token\"", LOGIN + "/extract/0/var",
                        "var: must be a name of letters, digits, _ and -, starting with a letter or _, was \"my token\""),
                arguments("a duplicate feeder name", "/data/1", "{\"name\": \"accounts\", \"rows\": [{\"x\": \"1\"}]}", "/data/1/name",
                        "name: duplicate feeder name 'accounts'"),
                arguments("a feeder with both csv and rows", "/data/0/csv", "\"accounts.csv\"", "/data/0",
                        "data[0]: has both csv and rows; a feeder takes its rows from exactly one of them"),
                arguments("a feeder with no rows", "/data/0/rows", Documents.REMOVE, "/data/0",
                        "data[0]: needs its rows: csv (a CSV file with a header row) or rows (inline)"),
                arguments("a row lacking a key", "/data/0/rows/1", "{\"username\": \"bob\"}", "/data/0/rows/1",
                        "rows[1]: lacks password; every row needs the keys of the first row (username, password)"),
                arguments("a row with another key", "/data/0/rows/1", "{\"username\": \"bob\", \"pass\": \"b\"}", "/data/0/rows/1",
                        "rows[1]: lacks password and has pass, which the first row has not; every row needs the keys of the first row (username, password)"),
                arguments("a row value that is an object", "/data/0/rows/1/password", "{\"x\": 1}", "/data/0/rows/1/password",
                        "password: must be a string, a number or a boolean, was an object"),
                arguments("an empty row", "/data/0/rows/1", "{}", "/data/0/rows/1", "rows[1]: must not be empty"),
                arguments("an empty column name", "/data/0/rows", "[{\"\": \"x\"}]", "/data/0/rows/0",
                        "rows[0]: a column name must not be empty"),
                arguments("an unknown strategy", "/data/0/strategy", "\"round\"", "/data/0/strategy",
                        "strategy: must be one of circular, random, unique, was \"round\""),
                arguments("a feeder name that is no name", "/data/0/name", "\"my accounts\"", "/data/0/name",
                        "name: must be a name of letters, digits, _ and -, starting with a letter or _, was \"my accounts\""),
                arguments("an unknown on_failure", "/scenarios/0/on_failure", "\"retry\"", "/scenarios/0/on_failure",
                        "on_failure: must be one of continue, restart_iteration, was \"retry\""),
                arguments("a transaction name used in on_start too", PROFILE + "/name", "\"login\"", PROFILE + "/name",
                        "name: duplicate transaction name 'login' in scenario 'shop' (names are unique across on_start, transactions and on_stop)"),
                arguments("a think range whose max is below its min", "/think_time_seconds", "{\"min\": 3, \"max\": 1}", "/think_time_seconds/max",
                        "max: must be at least min (3), was 1"),
                arguments("a think range without max", "/think_time_seconds", "{\"min\": 3}", "/think_time_seconds/max",
                        "max: is required"),
                arguments("a think range with another property", PROFILE + "/think_time_seconds", "{\"min\": 1, \"max\": 2, \"avg\": 1}",
                        PROFILE + "/think_time_seconds/avg", "avg: is not a known property; allowed here: min, max"),
                arguments("a negative think time of a transaction", PROFILE + "/think_time_seconds", "-1", PROFILE + "/think_time_seconds",
                        "think_time_seconds: must be a number from 0 to 3600, was -1"),
                arguments("a think time that is text", PROFILE + "/think_time_seconds", "\"1s\"", PROFILE + "/think_time_seconds",
                        "think_time_seconds: must be a number from 0 to 3600 or an object with min and max, was \"1s\""),
                arguments("a capture limit below 1 KiB", "/max_capture_bytes", "1023", "/max_capture_bytes",
                        "max_capture_bytes: must be an integer from 1024 to 67108864, was 1023"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void aBadFlowInputIsOneViolationAtItsPointer(String input, String pointer, String value, String expectedPointer,
                                                 String expectedMessage) {
        List<ConfigViolation> violations = violations(codec.decode(flowWith(pointer, value)));

        assertEquals(List.of(new ConfigViolation(expectedPointer, expectedMessage)), violations);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void aBadFlowInputInARequestBodyIsBelowConfig(String input, String pointer, String value, String expectedPointer,
                                                  String expectedMessage) {
        List<ConfigViolation> violations = violations(codec.decodeRequest("{\"config\": " + flowWith(pointer, value) + "}"));

        assertEquals(List.of("/config" + expectedPointer), violations.stream().map(ConfigViolation::pointer).toList());
    }

    @Test
    void aFeedNamingNoFeederIsReportedWithTheDeclaredOnesAndSoIsWhatItWouldHaveSet() {
        List<ConfigViolation> violations = violations(codec.decode(flowWith(LOGIN + "/feed", "\"acounts\"")));

        assertEquals(List.of(
                new ConfigViolation(LOGIN + "/feed", "feed: names no feeder: 'acounts'; declared: accounts"),
                new ConfigViolation(LOGIN + "/request/body", "body: variable 'accounts.username' is never set: no transaction"
                        + " of scenario 'shop' has \"feed\": \"accounts\"; known: token"),
                new ConfigViolation(PROFILE + "/checks/0/equals", "equals: variable 'accounts.username' is never set: no"
                        + " transaction of scenario 'shop' has \"feed\": \"accounts\"; known: token")), violations);
    }

    @Test
    void everyUnsetVariableIsReportedNotOnlyTheFirst() {
        JsonNode doc = with(with(tree(resource("flow-config.json")), AUTH, "\"Bearer {{tokn}}\""),
                "/scenarios/0/on_stop/0/request/path", "\"/logout/{{sesion}}\"");

        assertEquals(List.of(AUTH, "/scenarios/0/on_stop/0/request/path"),
                violations(codec.decode(doc.toString())).stream().map(ConfigViolation::pointer).toList());
    }

    @Test
    void anUnsetVariableIsReportedBesideABrokenTransactionOfAnotherScenario() {
        JsonNode doc = with(tree(resource("flow-config.json")), AUTH, "\"Bearer {{tokn}}\"");
        with(doc, "/scenarios/1", "{\"name\": \"other\", \"transactions\": [{\"name\": \"t\", \"request\": {\"method\": \"GET\","
                + " \"path\": \"/\"}, \"extract\": [{\"var\": \"x\", \"regex\": \"(\"}]}]}");

        assertEquals(List.of(AUTH, "/scenarios/1/transactions/0/extract/0/regex"),
                violations(codec.decode(doc.toString())).stream().map(ConfigViolation::pointer).toList());
    }

    @Test
    void aVariableOfAnotherScenariosExtractorIsNotSetInThisOne() {
        JsonNode doc = with(tree(resource("flow-config.json")), "/scenarios/1", "{\"name\": \"other\", \"transactions\": [{\"name\": \"t\","
                + " \"request\": {\"method\": \"GET\", \"path\": \"/{{token}}\"}}]}");

        assertEquals(List.of(new ConfigViolation("/scenarios/1/transactions/0/request/path",
                        "path: variable 'token' is never set; known: none (set it with extract, or feed a feeder)")),
                violations(codec.decode(doc.toString())));
    }

    @Test
    void anUnknownPropertyOfAFlowObjectIsReportedAtItsOwnPointer() {
        for (String pointer : List.of("/data/0/colour", LOGIN + "/extract/0/colour", PROFILE + "/checks/0/colour")) {
            assertEquals(List.of(pointer), violations(codec.decode(flowWith(pointer, "1"))).stream().map(ConfigViolation::pointer).toList());
        }
    }

    @Test
    void aMisspeltCheckPropertyIsAnsweredWithTheClosestKnownName() {
        ConfigViolation violation = violations(codec.decode(flowWith(PROFILE + "/checks/0/equal", "\"x\""))).get(0);

        assertEquals(PROFILE + "/checks/0/equal", violation.pointer());
        assertEquals(true, violation.message().startsWith("equal: is not a known property; did you mean `equals`?"), violation.message());
    }

    private static String flowWith(String pointer, String value) {
        return with(tree(resource("flow-config.json")), pointer, value).toString();
    }
}
