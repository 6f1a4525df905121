package io.maid.goose.adapter.http.helidon.routes;

import io.maid.goose.adapter.http.helidon.ApiResponses;
import io.maid.goose.adapter.http.helidon.RouteTable;
import io.maid.goose.adapter.http.helidon.Wire;
import io.maid.goose.adapter.http.helidon.auth.ScopeGuard;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.maid.goose.domain.Principal;
import io.maid.goose.domain.Scopes;

import java.util.List;

/**
 * {@code GET /whoami}: who the presented credential belongs to and which scopes it holds, so that a client
 * (the dashboard) can tell before it tries whether it may start or stop runs. It never echoes the
 * credential.
 */
public final class WhoAmIRoutes {
    private final ApiResponses responses;
    private final ScopeGuard guard;
    private final boolean authenticationRequired;

    public WhoAmIRoutes(ApiResponses responses, ScopeGuard guard, boolean authenticationRequired) {
        this.responses = responses;
        this.guard = guard;
        this.authenticationRequired = authenticationRequired;
    }

    public void register(RouteTable routes, String base) {
        routes.get(base + "/whoami", guard.require(Scopes.READ, this::whoami));
    }

    private void whoami(ServerRequest req, ServerResponse res) {
        Principal p = req.context().get(Principal.class).orElseThrow();
        responses.send(res, 200, new Identity(p.subject(), p.scopes().stream().sorted().toList(),
                Wire.time(p.expiresAt()), authenticationRequired));
    }

    /** {@code authentication_required}: false when the service runs without authentication (development). */
    record Identity(String subject, List<String> scopes, String expiresAt, boolean authenticationRequired) {
    }
}
