package io.maid.goose.adapter.http.helidon.routes;

import io.maid.goose.adapter.http.helidon.ApiResponses;
import io.maid.goose.adapter.http.helidon.RouteTable;
import io.maid.goose.adapter.http.helidon.auth.ScopeGuard;
import io.maid.goose.domain.Scopes;
import io.maid.goose.ports.out.MetricsExposition;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /metrics}, at the server's root where Prometheus looks by default: the service's metrics for
 * Prometheus, in OpenMetrics text when the {@code Accept} header asks for it and in the text format 0.0.4
 * otherwise ({@link MetricsExposition}). A read like any other ({@code read:loadtests}, bearer JWT or
 * {@code x-api-key}), unless {@code server.metrics.public} lets a request without a credential in
 * ({@link io.maid.goose.adapter.http.helidon.auth.PublicMetricsFilter}). Without metrics configured it answers
 * 503 {@code metrics_unavailable}.
 */
public final class MetricsRoutes {
    /** Where the metrics are served: Prometheus's default {@code metrics_path}. */
    public static final String PATH = "/metrics";

    private final MetricsExposition metrics;
    private final ApiResponses responses;
    private final ScopeGuard guard;

    public MetricsRoutes(MetricsExposition metrics, ApiResponses responses, ScopeGuard guard) {
        this.metrics = metrics;
        this.responses = responses;
        this.guard = guard;
    }

    public void register(RouteTable routes) {
        routes.get(PATH, guard.require(Scopes.READ, this::scrape));
    }

    private void scrape(ServerRequest req, ServerResponse res) {
        if (metrics == null) {
            responses.error(res, 503, "metrics_unavailable", "this service was started without metrics");
            return;
        }
        String accept = String.join(",", req.headers().all(HeaderNames.ACCEPT, java.util.List::of));
        MetricsExposition.Scrape scrape = metrics.scrape(accept.isEmpty() ? null : accept);
        responses.send(res, 200, scrape.contentType(), scrape.body());
    }
}
