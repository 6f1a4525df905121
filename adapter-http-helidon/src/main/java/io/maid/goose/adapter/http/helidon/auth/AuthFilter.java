package io.maid.goose.adapter.http.helidon.auth;

import io.maid.goose.adapter.http.helidon.ApiResponses;
import io.maid.goose.adapter.http.helidon.CorsPolicy;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.maid.goose.domain.Scopes;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The front door of every request: answers CORS preflights, adds CORS headers, and authenticates. A
 * request that passes carries its {@link io.maid.goose.domain.Principal} in its context for
 * {@link ScopeGuard} (and, when it was a locally verified JWT, the {@link VerifiedBearer}); one that does not is answered here with 401/400/503 and goes no further. Every
 * path is guarded, known or not, so an unauthenticated caller cannot even map the API.
 */
public final class AuthFilter implements Filter {
    static final HeaderName API_KEY = HeaderNames.create(Authenticator.API_KEY_HEADER);

    private final Authenticator authenticator;
    private final CorsPolicy cors;
    private final ApiResponses responses;
    private final ScopeGuard guard;
    private final String streamPath;

    public AuthFilter(Authenticator authenticator, CorsPolicy cors, ApiResponses responses, ScopeGuard guard,
               String streamPath) {
        this.authenticator = authenticator;
        this.cors = cors;
        this.responses = responses;
        this.guard = guard;
        this.streamPath = streamPath;
    }

    private static boolean isWebSocketUpgrade(RoutingRequest req) {
        for (String v : req.headers().all(HeaderNames.UPGRADE, List::of)) {
            if (v.toLowerCase(Locale.ROOT).contains("websocket")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isPresent() && req.prologue().method() == Method.OPTIONS
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            cors.preflight(origin.get(), res, responses);
            return;
        }
        origin.ifPresent(o -> cors.decorate(o, res));
        if (req.context().get(SignedReportLink.class).isPresent()
                || req.context().get(PublicMetricsFilter.PublicMetricsScrape.class).isPresent()) {
            // let in by a signed report link (SignedLinkFilter) or as a public scrape (PublicMetricsFilter), each
            // of which registered its read-only principal
            chain.proceed();
            return;
        }

        // any WebSocket handshake is treated as the stream's, whatever spelling of the path reached it
        boolean stream = streamPath.equals(req.path().path()) || isWebSocketUpgrade(req);
        Authenticator.Outcome outcome = authenticator.authenticate(
                req.headers().all(HeaderNames.AUTHORIZATION, List::of),
                req.headers().all(API_KEY, List::of),
                stream ? req.query().all("access_token", List::of) : List.of());
        switch (outcome) {
            case Authenticator.Rejected r -> {
                if (r.wwwAuthenticate() != null) {
                    res.header(HeaderNames.WWW_AUTHENTICATE, r.wwwAuthenticate());
                }
                responses.error(res, r.status(), r.error(), r.message());
            }
            case Authenticator.Authenticated a -> {
                req.context().register(a.principal());
                if (a.verifiedJwt() != null) {
                    req.context().register(a.verifiedJwt());
                }
                // the WebSocket handshake never reaches an HTTP handler, so its scope is checked here
                if (stream && !a.principal().hasScope(Scopes.READ)) {
                    guard.insufficientScope(res, Scopes.READ);
                    return;
                }
                chain.proceed();
            }
        }
    }
}
