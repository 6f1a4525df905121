package io.maid.goose.adapter.http.helidon.routes;

import io.maid.goose.adapter.http.helidon.ApiResponses;
import io.maid.goose.adapter.http.helidon.RouteTable;
import io.maid.goose.adapter.http.helidon.auth.ScopeGuard;
import io.maid.goose.adapter.http.helidon.dashboard.ExampleConfigs;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.maid.goose.domain.Scopes;

import java.util.List;

/** {@code GET /examples}: the bundled example configs, read-only, sorted by name. */
public final class ExampleRoutes {
    private final ExampleConfigs examples;
    private final ApiResponses responses;
    private final ScopeGuard guard;

    public ExampleRoutes(ExampleConfigs examples, ApiResponses responses, ScopeGuard guard) {
        this.examples = examples;
        this.responses = responses;
        this.guard = guard;
    }

    public void register(RouteTable routes, String base) {
        routes.get(base + "/examples", guard.require(Scopes.READ, this::list));
    }

    private void list(ServerRequest req, ServerResponse res) {
        responses.send(res, 200, new ExampleList(examples.all()));
    }

    record ExampleList(List<ExampleConfigs.Example> examples) {
    }
}
