package io.maid.goose.adapter.http.helidon.auth;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.maid.goose.domain.Principal;
import io.maid.goose.domain.Scopes;

import java.util.Set;

/**
 * With {@code server.metrics.public: true}, lets a {@code GET} of exactly the metrics path in without a
 * credential, as a read-only anonymous principal that reaches nothing else. It runs before {@link AuthFilter}.
 * A request that does send a credential is authenticated as usual, so a wrong token is still refused: public
 * means "no credential needed", not "any credential accepted". Installed only in public mode.
 */
public final class PublicMetricsFilter implements Filter {
    /** The subject of the anonymous principal a public scrape runs as. */
    public static final String SUBJECT = "anonymous-metrics-scrape";

    private final String metricsPath;

    public PublicMetricsFilter(String metricsPath) {
        this.metricsPath = metricsPath;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        boolean credential = req.headers().contains(HeaderNames.AUTHORIZATION) || req.headers().contains(AuthFilter.API_KEY);
        if (!credential && req.prologue().method() == Method.GET && metricsPath.equals(req.path().path())) {
            req.context().register(new Principal(true, SUBJECT, Set.of(Scopes.READ), null));
            req.context().register(new PublicMetricsScrape());
        }
        chain.proceed();
    }

    /** In a request's context: let in by {@link PublicMetricsFilter}, without a credential. */
    record PublicMetricsScrape() {
    }
}
