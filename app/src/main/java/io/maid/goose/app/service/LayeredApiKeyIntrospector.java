package io.maid.goose.app.service;

import io.maid.goose.domain.CredentialKind;
import io.maid.goose.domain.Principal;
import io.maid.goose.ports.out.CredentialIntrospector;

/**
 * Static keys from the settings first, then (when {@code plugin_bus.api_keys_endpoint} is set)
 * maid-apikeys. A credential the local list does not know is asked remotely; a remote outage surfaces as
 * {@link io.maid.goose.ports.out.IntrospectionUnavailableException} (fail closed).
 */
final class LayeredApiKeyIntrospector implements CredentialIntrospector {
    private final CredentialIntrospector local;
    private final CredentialIntrospector remote;

    LayeredApiKeyIntrospector(CredentialIntrospector local, CredentialIntrospector remote) {
        this.local = local;
        this.remote = remote;
    }

    @Override
    public Principal introspect(String credential, CredentialKind kind) {
        Principal p = local.introspect(credential, kind);
        if (p.active() || remote == null) {
            return p;
        }
        return remote.introspect(credential, kind);
    }
}
