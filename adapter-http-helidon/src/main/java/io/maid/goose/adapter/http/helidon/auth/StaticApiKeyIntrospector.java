package io.maid.goose.adapter.http.helidon.auth;

import io.maid.goose.domain.CredentialKind;
import io.maid.goose.domain.Principal;
import io.maid.goose.ports.out.CredentialIntrospector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API keys from the settings, kept only as SHA-256 hashes. A presented {@code x-api-key} is hashed and
 * compared with every stored hash in constant time, so neither the keys nor the timing of a comparison
 * reveal anything about them. Bearer credentials are never API keys here: they come back inactive.
 *
 * <p>Thread-safe and immutable.
 */
public final class StaticApiKeyIntrospector implements CredentialIntrospector {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final List<Stored> keys;

    public StaticApiKeyIntrospector(List<ApiKeyEntry> entries) {
        this.keys = entries.stream().map(e -> new Stored(e, HexFormat.of().parseHex(e.sha256()))).toList();
    }

    /** The lowercase hex SHA-256 of the key's UTF-8 bytes: what the settings store instead of the key. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    @Override
    public Principal introspect(String credential, CredentialKind kind) {
        if (credential == null || credential.isEmpty() || kind != CredentialKind.API_KEY) {
            return Principal.inactive();
        }
        byte[] presented = sha256(credential);
        ApiKeyEntry match = null;
        // no early exit: every stored hash is compared, whatever matches
        for (Stored stored : keys) {
            if (MessageDigest.isEqual(presented, stored.hash) && match == null) {
                match = stored.entry;
            }
        }
        return match == null ? Principal.inactive() : new Principal(true, match.subject(), match.scopes(), null);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    private record Stored(ApiKeyEntry entry, byte[] hash) {
    }

    /**
     * One API key as configured.
     *
     * @param subject who the key belongs to
     * @param sha256  the key's SHA-256, 64 hex digits
     * @param scopes  what it may do, e.g. {@code read:loadtests}
     */
    public record ApiKeyEntry(String subject, String sha256, Set<String> scopes) {
        public ApiKeyEntry {
            Objects.requireNonNull(subject, "subject");
            if (subject.isBlank()) {
                throw new IllegalArgumentException("api key subject must not be blank");
            }
            sha256 = sha256 == null ? "" : sha256.trim().toLowerCase(Locale.ROOT);
            if (!SHA256_HEX.matcher(sha256).matches()) {
                throw new IllegalArgumentException("api key sha256 of '" + subject
                        + "' must be 64 hex digits (the SHA-256 of the key, not the key itself)");
            }
            scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        }
    }
}
