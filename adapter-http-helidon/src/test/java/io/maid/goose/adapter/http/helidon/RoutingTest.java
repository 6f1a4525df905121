package io.maid.goose.adapter.http.helidon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertNoStackTrace;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RW_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.apiKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unknown paths, wrong methods, CORS, and the catch-all error handler. */
class RoutingTest extends SharedApiHarness {
    @ParameterizedTest
    @CsvSource({"/nope", "/history/4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2/extra", "/run/x", "/../../etc/passwd"})
    void anUnknownPathIsAJson404(String path) {
        assertError(api.get(path, apiKey(RW_KEY)), 404, "not_found");
    }

    @Test
    void aPathOutsideTheApiIsAJson404() {
        HttpResponse<String> res = api.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + api.server.port() + "/outside-the-api")).GET(), apiKey(RW_KEY));
        assertError(res, 404, "not_found");
    }

    @Test
    void anUnknownPathStillNeedsACredential() {
        assertError(api.get("/nope"), 401, "invalid_token");
    }

    @ParameterizedTest
    @CsvSource({"GET,/run,POST", "GET,/stop,POST", "POST,/status,GET", "DELETE,/history,GET", "PUT,/schema,GET",
            "DELETE,/history/4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2,GET", "POST,/stream,GET", "GET,/recipes,POST",
            "GET,/history/4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2/analysis,POST", "POST,/plugins,GET",
            "POST,/reports/4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2/report.json,'GET, HEAD'"})
    void aWrongMethodIsAJson405WithAllow(String method, String path, String allow) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> res = api.send(b, apiKey(RW_KEY));
        assertError(res, 405, "method_not_allowed");
        assertEquals(allow, res.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void aPlainGetOnTheStreamIsToldToUpgrade() {
        assertError(api.get("/stream", apiKey(RW_KEY)), 426, "upgrade_required");
    }

    @Test
    void aPreflightFromAListedOriginIsGranted() {
        HttpResponse<String> res = api.send(HttpRequest.newBuilder(URI.create(api.url("/run")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://dash.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
        assertEquals(204, res.statusCode());
        assertEquals("https://dash.example", res.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        String allowHeaders = res.headers().firstValue("Access-Control-Allow-Headers").orElse("");
        assertTrue(allowHeaders.contains("Authorization") && allowHeaders.contains("x-api-key")
                && allowHeaders.contains("Content-Type"), allowHeaders);
        assertTrue(res.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
    }

    @Test
    void aPreflightFromAnUnlistedOriginIsRefused() {
        HttpResponse<String> res = api.send(HttpRequest.newBuilder(URI.create(api.url("/run")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        assertError(res, 403, "cors_origin_not_allowed");
        assertFalse(res.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void aResponseToAListedOriginCarriesAllowOriginEvenWhenRefused() {
        HttpResponse<String> ok = api.get("/status", "Origin", "https://dash.example", "x-api-key", RW_KEY);
        assertEquals("https://dash.example", ok.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        HttpResponse<String> refused = api.get("/status", "Origin", "https://dash.example");
        assertEquals(401, refused.statusCode());
        assertEquals("https://dash.example", refused.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    @Test
    void aResponseToAnUnlistedOriginCarriesNoAllowOrigin() {
        HttpResponse<String> res = api.get("/status", "Origin", "https://evil.example", "x-api-key", RW_KEY);
        assertEquals(200, res.statusCode());
        assertFalse(res.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void anInternalFailureIsAPlain500WithoutDetail() {
        api.engine.failStatus = true;
        HttpResponse<String> res = api.get("/status", apiKey(RW_KEY));
        assertEquals(500, res.statusCode());
        assertEquals("{\"error\":\"internal_error\"}", res.body());
        assertNoStackTrace(res.body());
        assertFalse(res.body().contains("secret"));
    }

    @Test
    void aGarbledRequestLineGetsAJsonError() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GARBAGE \u0001 HTTP/9.9\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
            assertTrue(answer.contains("{\"error\":"), answer);
            assertNoStackTrace(answer);
        }
    }
}
