package io.maid.goose.ports.out;

import io.maid.goose.domain.CredentialKind;
import io.maid.goose.domain.Principal;

/**
 * Establishes who a credential belongs to. Implementations: static hashed API keys from the settings,
 * and maid-apikeys introspection. Unknown credentials yield an inactive principal, never an exception.
 */
public interface CredentialIntrospector {
    /**
     * @throws IntrospectionUnavailableException when the authority cannot be asked (down, 5xx, timeout):
     *                                           callers fail closed
     */
    Principal introspect(String credential, CredentialKind kind);
}
