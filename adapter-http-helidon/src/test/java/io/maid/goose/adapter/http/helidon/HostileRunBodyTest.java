package io.maid.goose.adapter.http.helidon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RW_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.EXAMPLE_BODY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.apiKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid and hostile POST /run bodies: each gets a 4xx JSON error, never a 5xx, and never starts a run. */
class HostileRunBodyTest extends SharedApiHarness {
    static final String JSON = "application/json";

    static String exampleWith(String field, String value) {
        return EXAMPLE_BODY.replaceFirst("\"" + field + "\": [^,\\n]+", "\"" + field + "\": " + value);
    }

    static Stream<Arguments> hostileJsonBodies() {
        return Stream.of(
                Arguments.of("empty body", "", 400, "malformed_json"),
                Arguments.of("whitespace only", "   \n ", 400, "malformed_json"),
                Arguments.of("unterminated object", "{", 400, "malformed_json"),
                Arguments.of("trailing garbage", EXAMPLE_BODY + "xyz", 400, "malformed_json"),
                Arguments.of("two documents", EXAMPLE_BODY + EXAMPLE_BODY, 400, "malformed_json"),
                Arguments.of("duplicate config key", "{\"config\":{},\"config\":{}}", 400, "malformed_json"),
                Arguments.of("NaN literal", exampleWith("hatch_rate", "NaN"), 400, "malformed_json"),
                Arguments.of("single quotes", "{'config': {}}", 400, "malformed_json"),
                Arguments.of("comment", "/* hi */ " + EXAMPLE_BODY, 400, "malformed_json"),
                Arguments.of("deeply nested arrays (10k)", "{\"config\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}",
                        400, "malformed_json"),
                Arguments.of("deeply nested objects (10k)", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
                        400, "malformed_json"),
                Arguments.of("number with 5000 digits", exampleWith("users", "1" + "0".repeat(5000)), 400, "malformed_json"),
                Arguments.of("array body", "[" + EXAMPLE_BODY + "]", 400, "invalid_config"),
                Arguments.of("null body", "null", 400, "invalid_config"),
                Arguments.of("string body", "\"run please\"", 400, "invalid_config"),
                Arguments.of("number body", "42", 400, "invalid_config"),
                Arguments.of("empty object", "{}", 400, "invalid_config"),
                Arguments.of("config null", "{\"config\":null}", 400, "invalid_config"),
                Arguments.of("config a string", "{\"config\":\"all of it\"}", 400, "invalid_config"),
                Arguments.of("extra top-level field", EXAMPLE_BODY.replaceFirst("\\{", "{\"admin\": true,"), 400, "invalid_config"),
                Arguments.of("extra config field", EXAMPLE_BODY.replaceFirst("\"users\"", "\"shell\": \"rm -rf /\", \"users\""),
                        400, "invalid_config"),
                Arguments.of("users as string", exampleWith("users", "\"200\""), 400, "invalid_config"),
                Arguments.of("users huge exponent", exampleWith("users", "1e400"), 400, "invalid_config"),
                Arguments.of("users beyond long", exampleWith("users", "99999999999999999999999999"), 400, "invalid_config"),
                Arguments.of("users negative", exampleWith("users", "-5"), 400, "invalid_config"),
                Arguments.of("users fractional", exampleWith("users", "1.5"), 400, "invalid_config"),
                Arguments.of("users above the maximum", exampleWith("users", "100001"), 400, "invalid_config"),
                Arguments.of("hatch_rate zero", exampleWith("hatch_rate", "0"), 400, "invalid_config"),
                Arguments.of("duration as array", exampleWith("duration", "[600]"), 400, "invalid_config"),
                Arguments.of("scenarios empty", EXAMPLE_BODY.replaceFirst("\"scenarios\": \\[", "\"scenarios\": [], \"x\": ["),
                        400, "invalid_config"),
                Arguments.of("nested garbage in scenarios", "{\"config\":{\"target_base_url\":\"https://target.example\","
                        + "\"users\":1,\"hatch_rate\":1,\"duration\":{\"seconds\":1},\"scenarios\":[[[[{}]]],{\"a\":{\"b\":[null]}}]}}",
                        400, "invalid_config"),
                Arguments.of("javascript target", exampleWith("target_base_url", "\"javascript:alert(1)\""), 400, "invalid_config"),
                Arguments.of("file target", exampleWith("target_base_url", "\"file:///etc/passwd\""), 400, "invalid_config"),
                Arguments.of("target with spaces", exampleWith("target_base_url", "\"http://a b\""), 400, "invalid_config"),
                Arguments.of("target not allowed", exampleWith("target_base_url", "\"https://internal.corp\""), 403,
                        "target_not_allowed"),
                Arguments.of("control characters", "{\"config\":\"\u0001\u0002\"}", 400, "malformed_json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileJsonBodies")
    void aHostileJsonBodyIsAnsweredWithA4xxJsonError(String name, String body, int status, String error) {
        HttpResponse<String> res = api.post("/run", JSON, body, apiKey(RW_KEY));
        assertError(res, status, error);
        assertTrue(api.engine.starts.isEmpty(), "no run may start");
    }

    @Test
    void invalidConfigListsEveryViolationWithItsPointer() {
        HttpResponse<String> res = api.post("/run", JSON, exampleWith("users", "\"many\"")
                .replaceFirst("\"users\"", "\"evil\": 1, \"users\""), apiKey(RW_KEY));
        var body = assertError(res, 400, "invalid_config");
        var pointers = body.get("violations").findValuesAsText("pointer");
        assertTrue(pointers.contains("/config/users"), body.toString());
        assertTrue(pointers.contains("/config/evil"), body.toString());
        body.get("violations").forEach(v -> assertTrue(v.get("message").isTextual()));
    }

    @Test
    void malformedJsonSaysWhereWithoutEchoingTheBody() {
        var body = assertError(api.post("/run", JSON, "{\"config\": {\"secret-ish\": ", apiKey(RW_KEY)), 400,
                "malformed_json");
        assertTrue(body.get("message").asText().contains("line"), body.toString());
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] body = "{\"config\":{\"target_base_url\":\"https://target.example/\"}}".getBytes(StandardCharsets.UTF_8);
        body[30] = (byte) 0xC3;
        body[31] = (byte) 0x28;
        assertError(api.postBytes("/run", JSON, body, apiKey(RW_KEY)), 400, "malformed_json");
    }

    @Test
    void aLeadingByteOrderMarkIsMalformed() {
        byte[] example = EXAMPLE_BODY.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[example.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(example, 0, body, 3, example.length);
        assertError(api.postBytes("/run", JSON, body, apiKey(RW_KEY)), 400, "malformed_json");
    }

    @Test
    void aTwoMebibyteBodyIs413() {
        byte[] body = new byte[2 << 20];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        assertError(api.postBytes("/run", JSON, body, apiKey(RW_KEY)), 413, "payload_too_large");
    }

    @Test
    void aChunkedBodyGrowingPastOneMebibyteIs413() {
        byte[] body = new byte[(1 << 20) + 4096];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url("/run")))
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertError(api.send(b, apiKey(RW_KEY)), 413, "payload_too_large");
    }

    @Test
    void aBodyOfExactlyOneMebibyteIsRead() {
        StringBuilder sb = new StringBuilder(EXAMPLE_BODY.trim());
        sb.setLength(sb.length() - 1);
        sb.append(" ".repeat((1 << 20) - sb.length() - 1)).append('}');
        assertEquals(1 << 20, sb.toString().getBytes(StandardCharsets.UTF_8).length);
        assertEquals(200, api.post("/run", JSON, sb.toString(), apiKey(RW_KEY)).statusCode());
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @MethodSource("wrongMediaTypes")
    void aBodyThatIsNotJsonIs415(String contentType) {
        assertError(api.post("/run", contentType, EXAMPLE_BODY, apiKey(RW_KEY)), 415, "unsupported_media_type");
        assertTrue(api.engine.starts.isEmpty());
    }

    static Stream<String> wrongMediaTypes() {
        return Stream.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
                "application/jsonx", "multipart/form-data; boundary=x");
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        assertError(api.post("/run", null, EXAMPLE_BODY, apiKey(RW_KEY)), 415, "unsupported_media_type");
    }

    @Test
    void jsonWithUtf8CharsetIsAccepted() {
        assertEquals(200, api.post("/run", "application/json; charset=UTF-8", EXAMPLE_BODY, apiKey(RW_KEY)).statusCode());
    }
}
