package io.maid.goose.adapter.http.helidon.auth;

import io.maid.goose.adapter.http.helidon.ApiResponses;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.maid.goose.domain.CredentialKind;
import io.maid.goose.domain.Principal;
import io.maid.goose.ports.out.CredentialIntrospector;
import io.maid.goose.ports.out.IntrospectionUnavailableException;

import java.time.Clock;
import java.util.Optional;

/**
 * Lets a handler run only for a principal holding its scope. Authentication already happened in
 * {@link AuthFilter}, which left the principal in the request context.
 *
 * <p>Privileged operations ({@link #requirePrivileged}) go further when a credential authority is
 * configured: a bearer JWT that was only verified locally is also introspected, so a revoked token stops
 * working at once, and the authority's scopes are the ones that count. This fails closed: when the authority
 * cannot answer, the operation is refused with 503 and nothing runs. Reads never make that call, so they keep
 * working while the authority is down. API keys and opaque bearer tokens were introspected on the way in.
 */
public final class ScopeGuard {
    private static final System.Logger LOG = System.getLogger(ScopeGuard.class.getName());

    private final ApiResponses responses;
    private final CredentialIntrospector authority;
    private final Clock clock;

    /**
     * @param authority the credential authority privileged operations must ask, or {@code null} for none
     */
    public ScopeGuard(ApiResponses responses, CredentialIntrospector authority, Clock clock) {
        this.responses = responses;
        this.authority = authority;
        this.clock = clock;
    }

    public Handler require(String scope, Handler handler) {
        return (req, res) -> {
            if (permits(req, res, scope)) {
                handler.handle(req, res);
            }
        };
    }

    /** Like {@link #require}, and a locally verified JWT must also be confirmed by the authority. */
    public Handler requirePrivileged(String scope, Handler handler) {
        return (req, res) -> {
            if (permits(req, res, scope) && confirmedByAuthority(req, res, scope)) {
                handler.handle(req, res);
            }
        };
    }

    /** @return true if the request may go on; otherwise the refusal has been sent */
    boolean permits(ServerRequest req, ServerResponse res, String scope) {
        Principal principal = req.context().get(Principal.class).orElse(null);
        if (principal == null || !principal.active()) {
            invalidToken(res, "authentication required");
            return false;
        }
        if (!principal.hasScope(scope)) {
            insufficientScope(res, scope);
            return false;
        }
        return true;
    }

    private boolean confirmedByAuthority(ServerRequest req, ServerResponse res, String scope) {
        if (authority == null) {
            return true;
        }
        Optional<VerifiedBearer> jwt = req.context().get(VerifiedBearer.class);
        if (jwt.isEmpty()) {
            return true;
        }
        Principal confirmed;
        try {
            confirmed = authority.introspect(jwt.get().token(), CredentialKind.BEARER);
        } catch (IntrospectionUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "refused " + req.prologue().method().text() + " "
                    + req.path().path() + ": the credential authority is unavailable (" + e.getMessage() + ")");
            responses.error(res, 503, "auth_upstream_unavailable",
                    "the credential authority cannot confirm this token; try again later");
            return false;
        }
        if (confirmed == null || !confirmed.active()
                || (confirmed.expiresAt() != null && confirmed.expiresAt().isBefore(clock.instant()))) {
            invalidToken(res, "the credential authority reports this token as unknown, revoked or expired");
            return false;
        }
        if (!confirmed.hasScope(scope)) {
            insufficientScope(res, scope);
            return false;
        }
        return true;
    }

    private void invalidToken(ServerResponse res, String message) {
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        responses.error(res, 401, "invalid_token", message);
    }

    void insufficientScope(ServerResponse res, String scope) {
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
        responses.error(res, 403, "insufficient_scope", "this credential lacks the scope " + scope,
                "required_scope", scope);
    }
}
