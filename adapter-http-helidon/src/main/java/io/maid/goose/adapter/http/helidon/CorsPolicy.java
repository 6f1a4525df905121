package io.maid.goose.adapter.http.helidon;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin access for the listed browser origins only. Credentials travel in headers, never
 * cookies, so {@code Access-Control-Allow-Credentials} is not sent.
 */
public final class CorsPolicy {
    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, x-api-key, Content-Type";

    private final Set<String> origins;
    private final boolean anyOrigin;

    CorsPolicy(List<String> allowedOrigins) {
        this.origins = allowedOrigins.stream().map(CorsPolicy::normalize).collect(Collectors.toUnmodifiableSet());
        this.anyOrigin = origins.contains("*");
    }

    boolean allows(String origin) {
        return anyOrigin || origins.contains(normalize(origin));
    }

    /** Adds the CORS headers of an actual (non-preflight) response. */
    public void decorate(String origin, ServerResponse res) {
        if (origins.isEmpty()) {
            return;
        }
        res.header(HeaderNames.VARY, "Origin");
        if (allows(origin)) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "WWW-Authenticate");
        }
    }

    /** Answers a preflight; a listed origin gets 204 with the grants, any other 403. */
    public void preflight(String origin, ServerResponse res, ApiResponses responses) {
        if (!allows(origin)) {
            responses.error(res, 403, "cors_origin_not_allowed", "this origin may not call the API");
            return;
        }
        res.header(HeaderNames.VARY, "Origin");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        res.status(204);
        res.send();
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
