package io.maid.goose.adapter.config.json;

import io.maid.goose.domain.ConfigViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.maid.goose.adapter.config.json.Documents.REMOVE;
import static io.maid.goose.adapter.config.json.Documents.pointers;
import static io.maid.goose.adapter.config.json.Documents.exampleWith;
import static io.maid.goose.adapter.config.json.Documents.valid;
import static io.maid.goose.adapter.config.json.Documents.violations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each rule of the config, broken once in the API example (docs/api.md), yields exactly one violation at its field. */
class SchemaRuleViolationTest {
    private static final String TX = "/scenarios/0/transactions/0";
    private static final String REQ = TX + "/request";

    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                arguments("target_base_url is required", "/target_base_url", REMOVE, "/target_base_url"),
                arguments("target_base_url is http or https", "/target_base_url", "\"ftp://target.example\"", "/target_base_url"),
                arguments("target_base_url is absolute", "/target_base_url", "\"target.example\"", "/target_base_url"),
                arguments("target_base_url has no query", "/target_base_url", "\"https://target.example/?a=1\"", "/target_base_url"),
                arguments("target_base_url is a string", "/target_base_url", "42", "/target_base_url"),
                arguments("users is required", "/users", REMOVE, "/users"),
                arguments("users is at least 1", "/users", "0", "/users"),
                arguments("users is at most 100000", "/users", "100001", "/users"),
                arguments("users is an integer", "/users", "2.5", "/users"),
                arguments("users is a number, not a string", "/users", "\"200\"", "/users"),
                arguments("users is not 1e400", "/users", "1e400", "/users"),
                arguments("users is not 99999999999999999999", "/users", "99999999999999999999", "/users"),
                arguments("hatch_rate is required", "/hatch_rate", REMOVE, "/hatch_rate"),
                arguments("hatch_rate is greater than 0", "/hatch_rate", "0", "/hatch_rate"),
                arguments("hatch_rate is not negative", "/hatch_rate", "-1", "/hatch_rate"),
                arguments("hatch_rate is not 1e400", "/hatch_rate", "1e400", "/hatch_rate"),
                arguments("hatch_rate is a number", "/hatch_rate", "\"fast\"", "/hatch_rate"),
                arguments("duration is required", "/duration", REMOVE, "/duration"),
                arguments("duration is an object", "/duration", "600", "/duration"),
                arguments("duration.seconds is required", "/duration/seconds", REMOVE, "/duration/seconds"),
                arguments("duration.seconds is at least 1", "/duration/seconds", "0", "/duration/seconds"),
                arguments("duration.seconds is at most 86400", "/duration/seconds", "86401", "/duration/seconds"),
                arguments("duration.seconds is an integer", "/duration/seconds", "1.5", "/duration/seconds"),
                arguments("think_time_seconds is not negative", "/think_time_seconds", "-0.5", "/think_time_seconds"),
                arguments("think_time_seconds is at most 3600", "/think_time_seconds", "3600.5", "/think_time_seconds"),
                arguments("think_time_seconds is a number", "/think_time_seconds", "\"3\"", "/think_time_seconds"),
                arguments("scenarios is required", "/scenarios", REMOVE, "/scenarios"),
                arguments("scenarios holds at least one", "/scenarios", "[]", "/scenarios"),
                arguments("scenarios is an array", "/scenarios", "{}", "/scenarios"),
                arguments("a scenario is an object", "/scenarios/0", "\"checkout\"", "/scenarios/0"),
                arguments("scenario name is required", "/scenarios/0/name", REMOVE, "/scenarios/0/name"),
                arguments("scenario name is not empty", "/scenarios/0/name", "\"\"", "/scenarios/0/name"),
                arguments("scenario weight is at least 1", "/scenarios/0/weight", "0", "/scenarios/0/weight"),
                arguments("scenario weight is an integer", "/scenarios/0/weight", "1.5", "/scenarios/0/weight"),
                arguments("transactions is required", "/scenarios/0/transactions", REMOVE, "/scenarios/0/transactions"),
                arguments("transactions holds at least one", "/scenarios/0/transactions", "[]", "/scenarios/0/transactions"),
                arguments("transaction name is required", TX + "/name", REMOVE, TX + "/name"),
                arguments("transaction weight is at least 1", TX + "/weight", "0", TX + "/weight"),
                arguments("transaction weight is at most 1000000", TX + "/weight", "1000001", TX + "/weight"),
                arguments("request is required", REQ, REMOVE, REQ),
                arguments("method is required", REQ + "/method", REMOVE, REQ + "/method"),
                arguments("method is one of the seven", REQ + "/method", "\"FETCH\"", REQ + "/method"),
                arguments("method is upper case", REQ + "/method", "\"get\"", REQ + "/method"),
                arguments("path is required", REQ + "/path", REMOVE, REQ + "/path"),
                arguments("path starts with a slash", REQ + "/path", "\"items\"", REQ + "/path"),
                arguments("path has no spaces", REQ + "/path", "\"/red shoes\"", REQ + "/path"),
                arguments("headers is a list", REQ + "/headers", "{\"Accept\":\"*/*\"}", REQ + "/headers"),
                arguments("a header has a value", REQ + "/headers", "[{\"name\":\"Accept\"}]", REQ + "/headers/0/value"),
                arguments("a header has a non-empty name", REQ + "/headers", "[{\"name\":\"\",\"value\":\"x\"}]", REQ + "/headers/0/name"),
                arguments("a header value has no line break", REQ + "/headers", "[{\"name\":\"X\",\"value\":\"a\\r\\nb\"}]", REQ + "/headers/0/value"),
                arguments("a header value is a string", REQ + "/headers", "[{\"name\":\"X\",\"value\":1}]", REQ + "/headers/0/value"),
                arguments("a query parameter has a name", REQ + "/query", "[{\"value\":\"x\"}]", REQ + "/query/0/name"),
                arguments("query is a list", REQ + "/query", "\"q=1\"", REQ + "/query"),
                arguments("body is a string", REQ + "/body", "{\"sku\":1}", REQ + "/body"),
                arguments("allow_redirects is a boolean", REQ + "/allow_redirects", "\"yes\"", REQ + "/allow_redirects"),
                arguments("expect_status codes are at least 100", REQ + "/expect_status", "[200, 99]", REQ + "/expect_status/1"),
                arguments("expect_status codes are at most 599", REQ + "/expect_status", "[600]", REQ + "/expect_status/0"),
                arguments("expect_status codes are integers", REQ + "/expect_status", "[\"200\"]", REQ + "/expect_status/0"),
                arguments("expect_status is not empty when given", REQ + "/expect_status", "[]", REQ + "/expect_status"),
                arguments("scheduler is one of three", "/scheduler", "\"fair\"", "/scheduler"),
                arguments("reports formats are json, csv or html", "/reports/formats", "[\"json\",\"pdf\"]", "/reports/formats/1"),
                arguments("reports formats do not repeat", "/reports/formats", "[\"json\",\"csv\",\"json\"]", "/reports/formats/2"),
                arguments("reports formats is a list", "/reports/formats", "\"json\"", "/reports/formats"),
                arguments("plugin_hints tags are strings", "/plugin_hints/tags", "[\"a\", 1]", "/plugin_hints/tags/1"),
                arguments("plugin_hints tags is a list", "/plugin_hints/tags", "\"production\"", "/plugin_hints/tags"),
                arguments("plugin_hints mistral_recipe_prompt is a string", "/plugin_hints/mistral_recipe_prompt", "[]", "/plugin_hints/mistral_recipe_prompt"),
                arguments("plugin_hints is an object", "/plugin_hints", "[]", "/plugin_hints"),
                arguments("tls.verify is a boolean", "/tls", "{\"verify\":\"no\"}", "/tls/verify"),
                arguments("tls.ca_bundle is not empty", "/tls", "{\"ca_bundle\":\"\"}", "/tls/ca_bundle"),
                arguments("tls.ca_bundle is a string", "/tls", "{\"ca_bundle\":true}", "/tls/ca_bundle"),
                arguments("request_timeout_seconds is greater than 0", "/request_timeout_seconds", "0", "/request_timeout_seconds"),
                arguments("request_timeout_seconds is at most 3600", "/request_timeout_seconds", "3601", "/request_timeout_seconds"),
                arguments("throughput_cap_rps is greater than 0", "/throughput_cap_rps", "0", "/throughput_cap_rps"),
                arguments("throughput_cap_rps is a number", "/throughput_cap_rps", "null", "/throughput_cap_rps"),
                arguments("hatch_rate is at least 0.001", "/hatch_rate", "0.0009", "/hatch_rate"),
                arguments("hatch_rate is not 1e-300", "/hatch_rate", "1e-300", "/hatch_rate"),
                arguments("max_history is a service setting, not a run config field", "/max_history", "100", "/max_history"),

                arguments("max_response_bytes is at least 1 KiB", "/max_response_bytes", "1023", "/max_response_bytes"),
                arguments("max_response_bytes is at most 2 GiB", "/max_response_bytes", "2147483649", "/max_response_bytes"),
                arguments("max_response_bytes is an integer", "/max_response_bytes", "65536.5", "/max_response_bytes"),
                arguments("max_response_bytes is a number", "/max_response_bytes", "\"64MiB\"", "/max_response_bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void aBrokenRuleIsReportedAtItsField(String rule, String pointer, String value, String expectedPointer) {
        assertEquals(List.of(expectedPointer), pointers(codec.decode(exampleWith(pointer, value))));
    }

    @Test
    void usersZeroAndMethodFetchAreBothReportedInDocumentOrder() {
        String json = Documents.with(Documents.with(Documents.exampleConfig(), "/users", "0"),
                REQ + "/method", "\"FETCH\"").toString();

        assertEquals(List.of("/users", REQ + "/method"), pointers(codec.decode(json)));
    }

    @Test
    void aRangeMessageNamesTheFieldTheRangeAndTheValue() {
        ConfigViolation violation = violations(codec.decode(exampleWith("/users", "0"))).get(0);

        assertEquals("users: must be an integer from 1 to 100000, was 0", violation.message());
    }

    @Test
    void anExclusiveBoundIsWordedAsGreaterThan() {
        ConfigViolation violation = violations(codec.decode(exampleWith("/request_timeout_seconds", "0"))).get(0);

        assertEquals("request_timeout_seconds: must be a number greater than 0 and at most 3600, was 0", violation.message());
    }

    @Test
    void aHatchRateBelowTheSlowestIsRefusedWithTheRange() {
        ConfigViolation violation = violations(codec.decode(exampleWith("/hatch_rate", "1e-300"))).get(0);

        assertEquals("hatch_rate: must be a number from 0.001 to 1000000, was 1.0E-300", violation.message());
    }

    @Test
    void theSlowestHatchRateIsAccepted() {
        assertEquals(0.001, valid(codec.decode(exampleWith("/hatch_rate", "0.001"))).hatchRate());
    }

    @Test
    void anEnumMessageListsTheAllowedValues() {
        ConfigViolation violation = violations(codec.decode(exampleWith(REQ + "/method", "\"FETCH\""))).get(0);

        assertEquals("method: must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, was \"FETCH\"", violation.message());
    }

    @Test
    void aMissingPropertyMessageSaysItIsRequired() {
        ConfigViolation violation = violations(codec.decode(exampleWith("/users", REMOVE))).get(0);

        assertEquals("users: is required", violation.message());
    }

    @Test
    void aPatternMessageStatesTheRuleRatherThanTheRegex() {
        ConfigViolation violation = violations(codec.decode(exampleWith(REQ + "/path", "\"items\""))).get(0);

        assertEquals("path: must start with '/' and contain no spaces or control characters", violation.message());
    }

    @Test
    void aMessageOnAnArrayElementNamesItsIndex() {
        ConfigViolation violation = violations(codec.decode(exampleWith(REQ + "/expect_status", "[600]"))).get(0);

        assertTrue(violation.message().startsWith("expect_status[0]: must be an integer from 100 to 599"), violation.message());
    }

    @Test
    void aFractionalHatchRateIsAccepted() {
        assertEquals(0.5, valid(codec.decode(exampleWith("/hatch_rate", "0.5"))).hatchRate());
    }

    @Test
    void aWholeNumberWrittenWithAFractionCountsAsAnInteger() {
        assertEquals(200, valid(codec.decode(exampleWith("/users", "200.0"))).users());
    }

    @Test
    void everyBrokenRuleOfADocumentIsReported() {
        String json = "{\"target_base_url\":\"ftp://x\",\"users\":0,\"hatch_rate\":-1,\"duration\":{},\"scenarios\":[],\"scheduler\":\"fair\"}";

        assertEquals(List.of("/target_base_url", "/users", "/hatch_rate", "/duration/seconds", "/scenarios", "/scheduler"),
                pointers(codec.decode(json)));
    }
}
