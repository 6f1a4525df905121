package io.maid.goose.adapter.http.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.json;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RO_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RW_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.WO_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.apiKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /whoami} tells a client its scopes; {@code GET /examples} offers the repository's configs. */
class WhoAmIAndExamplesTest extends SharedApiHarness {
    @Test
    void whoamiNamesTheSubjectAndItsScopesSorted() {
        JsonNode who = json(api.get("/whoami", apiKey(RW_KEY)).body());
        assertEquals("ops", who.get("subject").asText());
        assertEquals(List.of("read:loadtests", "write:loadtests"), texts(who.get("scopes")));
        assertTrue(who.get("authentication_required").asBoolean());
    }

    @Test
    void aReadOnlyCredentialLearnsItCannotWrite() {
        JsonNode who = json(api.get("/whoami", apiKey(RO_KEY)).body());
        assertEquals("viewer", who.get("subject").asText());
        assertEquals(List.of("read:loadtests"), texts(who.get("scopes")));
    }

    @Test
    void whoamiNeverEchoesTheCredential() {
        assertFalse(api.get("/whoami", apiKey(RW_KEY)).body().contains(RW_KEY));
    }

    @Test
    void whoamiWithoutACredentialIs401AndWithoutReadIs403() {
        assertError(api.get("/whoami"), 401, "invalid_token");
        assertError(api.get("/whoami", apiKey(WO_KEY)), 403, "insufficient_scope");
    }

    @Test
    void examplesListTheRepositorysConfigsAsConfigObjects() {
        JsonNode body = json(api.get("/examples", apiKey(RO_KEY)).body());
        List<String> names = new ArrayList<>();
        for (JsonNode e : body.get("examples")) {
            names.add(e.get("name").asText());
            assertTrue(e.get("config").has("target_base_url"), e.toString());
            assertTrue(e.get("config").has("scenarios"), e.toString());
        }
        assertTrue(names.containsAll(List.of("demo", "checkout-flow", "rest-api")), names.toString());
        assertEquals(names.stream().sorted().toList(), names, "sorted by name");
    }

    @Test
    void examplesNeedACredential() {
        assertError(api.get("/examples"), 401, "invalid_token");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
