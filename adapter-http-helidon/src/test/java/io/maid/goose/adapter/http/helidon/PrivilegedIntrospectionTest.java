package io.maid.goose.adapter.http.helidon;

import io.maid.goose.domain.CredentialKind;
import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.Principal;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.Scopes;
import io.maid.goose.ports.out.Recipe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiHarness.NOW;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RW_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.EXAMPLE_BODY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.apiKey;
import static io.maid.goose.adapter.http.helidon.ApiHarness.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a credential authority configured, a locally verified JWT is confirmed by it before every privileged
 * operation (start, stop, recipe, analysis), failing closed; reads never ask it.
 */
class PrivilegedIntrospectionTest {
    static final String JSON = "application/json";
    static final String RUN = "4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2";
    static final FakeAuthority authority = new FakeAuthority();
    static final FakePluginBus bus = new FakePluginBus();
    static final String TOKEN = Tokens.hs256(Tokens.claims("read:loadtests write:loadtests", NOW));
    static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.options().privileged(authority).plugins(bus).start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void reset() {
        api.reset();
        authority.reset();
        bus.reset();
        bus.recipeAnswer = r -> new Recipe(PluginRoutesTest.config("https://target.example"), "", 1);
        api.history.insert(RunRecord.started(RUN, NOW, PluginRoutesTest.config("https://target.example")));
    }

    static Principal active(String... scopes) {
        return new Principal(true, "alice", Set.of(scopes), NOW.plusSeconds(600));
    }

    HttpResponse<String> privileged(String operation, String credential) {
        String[] headers = bearer(credential);
        return switch (operation) {
            case "run" -> api.post("/run", JSON, EXAMPLE_BODY, headers);
            case "stop" -> api.post("/stop", JSON, "", headers);
            case "recipes" -> api.post("/recipes", JSON, "{\"prompt\": \"load the home page\"}", headers);
            case "analysis" -> api.post("/history/" + RUN + "/analysis", JSON, "", headers);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    void assertNothingRan() {
        assertTrue(api.engine.starts.isEmpty(), "no run may start");
        assertEquals(0, api.engine.stops.get(), "no run may stop");
        assertTrue(bus.recipeRequests.isEmpty(), "the model may not be asked");
        assertTrue(bus.analysisRequests.isEmpty(), "no analysis may be requested");
    }

    @Test
    void aRevokedJwtCannotStartARunButStillReads() {
        authority.answer = Principal.inactive();
        HttpResponse<String> run = api.post("/run", JSON, EXAMPLE_BODY, bearer(TOKEN));
        assertError(run, 401, "invalid_token");
        assertEquals("Bearer error=\"invalid_token\"", run.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(api.engine.starts.isEmpty());

        assertEquals(200, api.get("/status", bearer(TOKEN)).statusCode());
        assertEquals(1, authority.calls.size(), "the read did not ask the authority");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "stop", "recipes", "analysis"})
    void aRevokedJwtIsRefused401OnEveryPrivilegedOperation(String operation) {
        api.engine.status(new EngineStatus(true, RUN, RunPhase.MAINTAIN, NOW, 10, 60, RunState.RUNNING, 70));
        authority.answer = Principal.inactive();
        assertError(privileged(operation, TOKEN), 401, "invalid_token");
        assertNothingRan();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "stop", "recipes", "analysis"})
    void anUnavailableAuthorityRefuses503OnEveryPrivilegedOperationAndNothingRuns(String operation) {
        api.engine.status(new EngineStatus(true, RUN, RunPhase.MAINTAIN, NOW, 10, 60, RunState.RUNNING, 70));
        authority.down = true;
        HttpResponse<String> res = privileged(operation, TOKEN);
        assertError(res, 503, "auth_upstream_unavailable");
        assertFalse(res.body().contains(TOKEN));
        assertNothingRan();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/status", "/history", "/history/" + RUN, "/plugins", "/schema"})
    void readsWithAVerifiedJwtKeepWorkingWhileTheAuthorityIsDown(String path) {
        authority.down = true;
        assertEquals(200, api.get(path, bearer(TOKEN)).statusCode());
        assertTrue(authority.calls.isEmpty());
    }

    @Test
    void introspectedScopesWithoutWriteAre403() {
        authority.answer = active(Scopes.READ);
        HttpResponse<String> res = api.post("/run", JSON, EXAMPLE_BODY, bearer(TOKEN));
        assertError(res, 403, "insufficient_scope");
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"write:loadtests\"",
                res.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(api.engine.starts.isEmpty());
    }

    @Test
    void aTokenTheAuthoritySaysHasExpiredIs401() {
        authority.answer = new Principal(true, "alice", Set.of(Scopes.READ, Scopes.WRITE), NOW.minusSeconds(1));
        assertError(api.post("/run", JSON, EXAMPLE_BODY, bearer(TOKEN)), 401, "invalid_token");
        assertTrue(api.engine.starts.isEmpty());
    }

    @Test
    void aConfirmedJwtStartsARunAndTheAuthoritySawTheRawTokenAsBearer() {
        authority.answer = active(Scopes.READ, Scopes.WRITE);
        HttpResponse<String> res = api.post("/run", JSON, EXAMPLE_BODY, bearer(TOKEN));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(1, api.engine.starts.size());
        assertEquals(List.of(new FakeAuthority.Call(TOKEN, CredentialKind.BEARER)), authority.calls);
    }

    @Test
    void aConfirmedJwtGeneratesARecipe() {
        authority.answer = active(Scopes.WRITE);
        assertEquals(200, privileged("recipes", TOKEN).statusCode());
        assertEquals(1, bus.recipeRequests.size());
    }

    @Test
    void theLocalScopeCheckComesFirstSoAReadOnlyJwtNeverReachesTheAuthority() {
        authority.answer = active(Scopes.READ, Scopes.WRITE);
        String readOnly = Tokens.hs256(Tokens.claims("read:loadtests", NOW));
        assertError(api.post("/run", JSON, EXAMPLE_BODY, bearer(readOnly)), 403, "insufficient_scope");
        assertTrue(authority.calls.isEmpty());
    }

    @Test
    void anApiKeyIsNotAskedAboutTwice() {
        authority.down = true;
        HttpResponse<String> res = api.post("/run", JSON, EXAMPLE_BODY, apiKey(RW_KEY));
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(authority.calls.isEmpty(), "x-api-key was already introspected by the api-key authority");
    }

    @Test
    void aRefusalNeverEchoesTheToken() {
        authority.answer = Principal.inactive();
        HttpResponse<String> res = api.post("/run", JSON, EXAMPLE_BODY, bearer(TOKEN));
        assertFalse(res.body().contains(TOKEN));
        assertFalse(res.body().contains(TOKEN.substring(TOKEN.lastIndexOf('.') + 1)));
    }

    @Test
    void anUnknownRunIsStill404AfterConfirmation() {
        authority.answer = active(Scopes.WRITE);
        assertError(api.post("/history/" + UUID.randomUUID() + "/analysis", JSON, "", bearer(TOKEN)), 404,
                "run_not_found");
    }
}
