package io.maid.goose.adapter.http.helidon;

import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector;

import io.maid.goose.domain.CredentialKind;
import io.maid.goose.domain.Principal;
import io.maid.goose.domain.Scopes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticApiKeyIntrospectorTest {
    private final StaticApiKeyIntrospector keys = new StaticApiKeyIntrospector(List.of(
            new StaticApiKeyIntrospector.ApiKeyEntry("ops", StaticApiKeyIntrospector.sha256Hex("key-one"),
                    Set.of(Scopes.READ, Scopes.WRITE)),
            new StaticApiKeyIntrospector.ApiKeyEntry("viewer", StaticApiKeyIntrospector.sha256Hex("key-two")
                    .toUpperCase(), Set.of(Scopes.READ))));

    @Test
    void sha256HexIsTheLowercaseDigestOfTheUtf8Bytes() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                StaticApiKeyIntrospector.sha256Hex("abc"));
    }

    @Test
    void aKnownKeyYieldsItsSubjectAndScopes() {
        Principal p = keys.introspect("key-two", CredentialKind.API_KEY);
        assertTrue(p.active());
        assertEquals("viewer", p.subject());
        assertEquals(Set.of(Scopes.READ), p.scopes());
    }

    @Test
    void anUnknownKeyIsInactive() {
        assertFalse(keys.introspect("key-three", CredentialKind.API_KEY).active());
        assertFalse(keys.introspect("", CredentialKind.API_KEY).active());
    }

    @Test
    void aKeyPresentedAsBearerIsInactive() {
        assertFalse(keys.introspect("key-one", CredentialKind.BEARER).active());
    }

    @Test
    void anEntryMustHoldAHashNotAKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StaticApiKeyIntrospector.ApiKeyEntry("ops", "my-plain-key", Set.of()));
        assertFalse(e.getMessage().contains("my-plain-key"), "the message must not repeat what may be a key");
    }
}
