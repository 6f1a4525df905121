package io.maid.goose.app.service;

import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.testkit.RefusingPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * maid-apikeys through the whole service: remote API keys, and JWTs introspected on privileged operations, with
 * the authority up and down.
 */
class PluginApiKeysIntegrationTest extends PluginServiceFixture {
    private static final String JWT_SECRET = "an-hs256-shared-secret-of-at-least-32-chars";

    @Test
    void aRemoteApiKeyReportedActiveWithBothScopesCanStartARun(@TempDir Path dir) throws Exception {
        try (FakeMaidApiKeys keys = new FakeMaidApiKeys(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(keys.endpoint()), ""))) {
            String remote = "remote-key-with-both-scopes";
            keys.grant(remote, "ci-bot", READ, WRITE);
            HttpResponse<String> res = callAs(apiKey(remote), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(200, res.statusCode(), res.body());
            String runId = JSON.readTree(res.body()).get("run_id").asText();
            assertEquals(200, call("GET", service.baseUrl() + "/history/" + runId, null).statusCode(), "the run was recorded");
            assertEquals(1, keys.callsFor(remote), keys.calls().toString());
            assertEquals("api_key", keys.calls().get(0).get("kind").asText());
        }
    }

    @Test
    void aRemoteApiKeyReportedInactiveIsRefusedWith401(@TempDir Path dir) throws Exception {
        try (FakeMaidApiKeys keys = new FakeMaidApiKeys(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(keys.endpoint()), ""))) {
            String revoked = "remote-key-revoked";
            HttpResponse<String> res = callAs(apiKey(revoked), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(401, res.statusCode(), res.body());
            assertEquals("invalid_token", JSON.readTree(res.body()).get("error").asText());
            assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
            assertFalse(res.body().contains(revoked), "the credential is never echoed");
            assertEquals(1, keys.callsFor(revoked));
            assertNothingRan(service);
        }
    }

    @Test
    void aRemoteApiKeyWithOnlyReadScopeCanReadButNotStartARun(@TempDir Path dir) throws Exception {
        try (FakeMaidApiKeys keys = new FakeMaidApiKeys(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(keys.endpoint()), ""))) {
            String reader = "remote-key-read-only";
            keys.grant(reader, "dashboard", READ);
            HttpResponse<String> run = callAs(apiKey(reader), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(403, run.statusCode(), run.body());
            assertEquals("insufficient_scope", JSON.readTree(run.body()).get("error").asText());
            assertTrue(run.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""));

            HttpResponse<String> status = callAs(apiKey(reader), "GET", service.baseUrl() + "/status", null);
            assertEquals(200, status.statusCode(), status.body());
            assertNothingRan(service);
        }
    }

    @Test
    void withMaidApiKeysDownAnUnknownApiKeyGets503AndNothingRuns(@TempDir Path dir) throws Exception {
        try (RefusingPort dead = new RefusingPort(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(dead.http().toString()), ""))) {
            HttpResponse<String> res = callAs(apiKey("unknown-key-while-down"), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(503, res.statusCode(), res.body());
            assertEquals("auth_upstream_unavailable", JSON.readTree(res.body()).get("error").asText());
            assertEquals(0, target.requestsReceived());
            assertNothingRan(service);
        }
    }

    @Test
    void withMaidApiKeysDownAStaticKeyFromTheSettingsStillWorks(@TempDir Path dir) throws Exception {
        String staticKey = "static-settings-key-0123456789";
        String security = """
                , "api_keys": [{"subject": "ops", "sha256": "%s", "scopes": ["%s", "%s"]}]"""
                .formatted(AdminKeyBootstrap.sha256Hex(staticKey), READ, WRITE);
        try (RefusingPort dead = new RefusingPort(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = ServiceRuntime.start(settings(dir, apiKeys(dead.http().toString()), security), List.of(), quiet())) {
            HttpResponse<String> status = callAs(apiKey(staticKey), "GET", service.baseUrl() + "/status", null);
            assertEquals(200, status.statusCode(), status.body());
            HttpResponse<String> run = callAs(apiKey(staticKey), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(200, run.statusCode(), run.body());
        }
    }

    // ---------------------------------------------------------------- maid-apikeys: JWTs on privileged operations

    @Test
    void aJwtTheAuthorityReportsActiveCanStartARun(@TempDir Path dir) throws Exception {
        try (FakeMaidApiKeys keys = new FakeMaidApiKeys(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(keys.endpoint()), jwtSecurity()))) {
            String token = jwt("alice");
            keys.grant(token, "alice", READ, WRITE);
            HttpResponse<String> res = callAs(bearer(token), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(200, res.statusCode(), res.body());
            assertEquals(1, keys.callsFor(token));
            assertEquals("bearer", keys.calls().get(0).get("kind").asText());
        }
    }

    @Test
    void aJwtTheAuthorityReportsInactiveCannotStartARunButCanStillRead(@TempDir Path dir) throws Exception {
        try (FakeMaidApiKeys keys = new FakeMaidApiKeys(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(keys.endpoint()), jwtSecurity()))) {
            String revoked = jwt("mallory");
            HttpResponse<String> run = callAs(bearer(revoked), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(401, run.statusCode(), run.body());
            assertEquals("invalid_token", JSON.readTree(run.body()).get("error").asText());
            assertEquals(1, keys.callsFor(revoked), "the locally valid token was introspected");

            HttpResponse<String> status = callAs(bearer(revoked), "GET", service.baseUrl() + "/status", null);
            assertEquals(200, status.statusCode(), status.body());
            assertEquals(1, keys.callsFor(revoked), "reads need no introspection");
            assertNothingRan(service);
        }
    }

    @Test
    void withMaidApiKeysDownAJwtCannotStartARunButCanStillRead(@TempDir Path dir) throws Exception {
        try (RefusingPort dead = new RefusingPort(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, apiKeys(dead.http().toString()), jwtSecurity()))) {
            String token = jwt("alice");
            HttpResponse<String> run = callAs(bearer(token), "POST", service.baseUrl() + "/run", runConfig(target));
            assertEquals(503, run.statusCode(), run.body());
            assertEquals("auth_upstream_unavailable", JSON.readTree(run.body()).get("error").asText());

            HttpResponse<String> status = callAs(bearer(token), "GET", service.baseUrl() + "/status", null);
            assertEquals(200, status.statusCode(), status.body());
            assertEquals(0, target.requestsReceived());
            assertNothingRan(service);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String apiKeys(String endpoint) {
        return "\"api_keys_endpoint\": \"" + endpoint + "\", \"connect_timeout_seconds\": 2";
    }

    private static String jwtSecurity() {
        return """
                , "jwt": {"issuer": "maid.apikeys", "audience": "maid.clients", "hs256_secret": "%s"}""".formatted(JWT_SECRET);
    }

    private void assertNothingRan(ServiceRuntime service) throws Exception {
        HttpResponse<String> status = call("GET", service.baseUrl() + "/status", null);
        assertEquals(200, status.statusCode(), status.body());
        assertFalse(JSON.readTree(status.body()).at("/status/active").asBoolean(), status.body());
        HttpResponse<String> history = call("GET", service.baseUrl() + "/history", null);
        assertEquals(200, history.statusCode(), history.body());
        assertEquals(0, JSON.readTree(history.body()).get("total").asLong(), history.body());
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** An HS256 JWT as maid-apikeys issues them: no kid, iss/aud fixed, a space-separated scope. */
    private static String jwt(String subject) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(JSON.createObjectNode()
                .put("sub", subject).put("iss", "maid.apikeys").put("aud", "maid.clients")
                .put("iat", now).put("exp", now + 600).put("scope", READ + " " + WRITE)
                .put("jti", subject + "-" + System.nanoTime())
                .toString().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = b64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
        return header + "." + claims + "." + signature;
    }
}
