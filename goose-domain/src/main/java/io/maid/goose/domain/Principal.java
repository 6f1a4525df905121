package io.maid.goose.domain;

import java.time.Instant;
import java.util.Set;

/**
 * Who a credential belongs to and what it may do, as established by local verification or by
 * introspection: {@code {active, subject, scopes, expires_at}}.
 *
 * @param active    false for unknown, revoked or expired credentials
 * @param subject   the principal's name
 * @param scopes    granted scopes, e.g. {@value Scopes#READ}
 * @param expiresAt when the credential stops being valid, or {@code null} if it does not expire
 */
public record Principal(boolean active, String subject, Set<String> scopes, Instant expiresAt) {
    public Principal {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public static Principal inactive() {
        return new Principal(false, null, Set.of(), null);
    }

    public boolean hasScope(String scope) {
        return active && scopes.contains(scope);
    }
}
