package io.maid.goose.adapter.http.helidon.dashboard;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;

/**
 * Serves the dashboard's files at {@code /}, {@code /dashboard/} and below, before authentication: the
 * page is what lets an operator sign in, and it holds no data (every figure it shows comes from the API,
 * with the operator's credential). Only {@code GET} and {@code HEAD} of a bundled file are answered here;
 * every other request goes on to the API's filters, so an unknown path still needs a credential.
 *
 * <p>Every answer carries {@link #CSP}: scripts, styles and connections only from this origin, no inline
 * script, no {@code eval}, no plugins, no framing of the dashboard; reports may be framed only from this
 * origin. Files are revalidated on every use ({@code no-cache} with a strong {@code ETag}, answered
 * {@code 304} when unchanged), so an upgraded service never runs a stale script.
 */
public final class DashboardFilter implements Filter {
    /** The dashboard's Content-Security-Policy. {@code 'self'} also admits the same host's ws:// stream. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'; object-src 'none'";
    private static final HeaderName CSP_HEADER = HeaderNames.create("Content-Security-Policy");
    private static final String BARE = "/dashboard";

    private final DashboardAssets assets;

    public DashboardFilter(DashboardAssets assets) {
        this.assets = assets;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Method method = req.prologue().method();
        if (method != Method.GET && method != Method.HEAD) {
            chain.proceed();
            return;
        }
        String path = req.path().rawPath();
        if (path.equals(BARE)) {
            securityHeaders(res);
            res.header(HeaderNames.LOCATION, DashboardAssets.PREFIX);
            res.status(Status.PERMANENT_REDIRECT_308);
            res.send();
            return;
        }
        Optional<StaticAsset> asset = assets.find(path);
        if (asset.isEmpty()) {
            chain.proceed();
            return;
        }
        serve(req, res, asset.get(), method == Method.HEAD);
    }

    private static void serve(RoutingRequest req, RoutingResponse res, StaticAsset a, boolean head) {
        securityHeaders(res);
        res.header(HeaderNames.ETAG, a.etag());
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        Optional<String> ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch.isPresent() && a.matches(ifNoneMatch.get())) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, a.contentType());
        if (head) {
            res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(a.content().length));
            res.send();
        } else {
            res.send(a.content());
        }
    }

    /** What every dashboard answer carries, redirects and 304s included. */
    private static void securityHeaders(RoutingResponse res) {
        res.header(CSP_HEADER, CSP);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.create("Cross-Origin-Opener-Policy"), "same-origin");
        res.header(HeaderNames.create("Cross-Origin-Resource-Policy"), "same-origin");
    }
}
