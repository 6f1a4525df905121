package io.maid.goose.adapter.http.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on the API's JSON answers. */
final class ApiAssertions {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiAssertions() {
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** No stack frame and no exception class name ever reaches a client. */
    static void assertNoStackTrace(String body) {
        assertFalse(body.contains("at io."), () -> "stack frame in body: " + body);
        assertFalse(body.contains("at java."), () -> "stack frame in body: " + body);
        assertFalse(body.contains("Exception"), () -> "exception class in body: " + body);
        assertFalse(body.contains("\tat "), () -> "stack frame in body: " + body);
    }

    /** A JSON error answer: the status, a JSON content type, {"error": code}, and no stack trace. */
    static JsonNode assertError(HttpResponse<String> res, int status, String code) {
        assertEquals(status, res.statusCode(), () -> "status of " + res.request().method() + " "
                + res.request().uri() + ": " + res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> "content type " + res.headers().firstValue("Content-Type"));
        assertNoStackTrace(res.body());
        JsonNode body = json(res.body());
        assertTrue(body.isObject(), res.body());
        assertEquals(code, body.path("error").asText(), res.body());
        return body;
    }
}
