package io.maid.goose.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.maid.goose.domain.Principal;

/**
 * Lets a handler run only for a principal holding its scope. Authentication already happened in
 * {@link AuthFilter}, which left the principal in the request context.
 */
final class ScopeGuard {
    private final ApiResponses responses;

    ScopeGuard(ApiResponses responses) {
        this.responses = responses;
    }

    Handler require(String scope, Handler handler) {
        return (req, res) -> {
            if (permits(req, res, scope)) {
                handler.handle(req, res);
            }
        };
    }

    /** @return true if the request may go on; otherwise the refusal has been sent */
    boolean permits(ServerRequest req, ServerResponse res, String scope) {
        Principal principal = req.context().get(Principal.class).orElse(null);
        if (principal == null || !principal.active()) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            responses.error(res, 401, "invalid_token", "authentication required");
            return false;
        }
        if (!principal.hasScope(scope)) {
            insufficientScope(res, scope);
            return false;
        }
        return true;
    }

    void insufficientScope(ServerResponse res, String scope) {
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
        responses.error(res, 403, "insufficient_scope", "this credential lacks the scope " + scope,
                "required_scope", scope);
    }
}
