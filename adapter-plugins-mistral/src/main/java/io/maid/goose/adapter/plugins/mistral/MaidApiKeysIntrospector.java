package io.maid.goose.adapter.plugins.mistral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.CredentialKind;
import io.maid.goose.domain.Principal;
import io.maid.goose.ports.out.CredentialIntrospector;
import io.maid.goose.ports.out.IntrospectionUnavailableException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@link CredentialIntrospector} that asks maid-apikeys (the wire is described in {@code docs/integrations.md}):
 * {@code POST {endpoint}/api/auth/introspect} with {@code {"credential", "kind": "api_key"|"bearer"}}.
 *
 * <p>Answers:
 * <ul>
 *   <li>200 {@code {"active", "subject", "scopes":[...], "expires_at": RFC 3339 | null}} becomes a
 *       {@link Principal}; an active answer whose {@code expires_at} has passed is treated as inactive. The
 *       RFC 7662 spellings {@code sub}, {@code scope} (space-separated) and {@code exp} are read when the
 *       maid-apikeys fields are absent.</li>
 *   <li>401 (maid-apikeys' answer to a malformed JWT, {@code invalid token}) is an inactive principal.</li>
 *   <li>No answer within the timeout, connection failures, any other status and any body that is not the
 *       shape above throw {@link IntrospectionUnavailableException}: callers fail closed.</li>
 * </ul>
 *
 * <p>Caching: an active answer is reused for at most {@value #ACTIVE_TTL_SECONDS} s, or until its
 * {@code expires_at} if sooner, so a revoked credential stops working within that bound; an inactive
 * answer is reused for {@value #INACTIVE_TTL_SECONDS} s, which blunts floods of bad credentials without
 * locking out a key for long after it is issued. Failures are never cached. The cache holds at most
 * {@code maxCacheEntries} answers (least recently used evicted) under SHA-256 hashes of kind and credential,
 * never the credential itself. Time comes from the injected clock.
 *
 * <p>Credentials appear in no log line and no exception message. Thread-safe. {@link #close()} releases
 * the HTTP client.
 */
public final class MaidApiKeysIntrospector implements CredentialIntrospector, AutoCloseable {
    public static final String ROUTE = "/api/auth/introspect";
    public static final long ACTIVE_TTL_SECONDS = 30;
    public static final long INACTIVE_TTL_SECONDS = 5;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_CACHE_ENTRIES = 10_000;

    private final URI introspectUri;
    private final String display;
    private final Duration timeout;
    private final Clock clock;
    private final IntrospectionCache cache;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param apiKeysEndpoint base URL of maid-apikeys ({@code plugin_bus.api_keys_endpoint}), http or https
     * @param timeout         bound on the whole introspection call, connect included ({@code null}: 5 s)
     * @param clock           wall time for cache lifetimes and {@code expires_at}
     * @param maxCacheEntries cache bound; 0 disables caching
     */
    public MaidApiKeysIntrospector(URI apiKeysEndpoint, Duration timeout, Clock clock, int maxCacheEntries) {
        if (apiKeysEndpoint == null || clock == null) {
            throw new IllegalArgumentException("the maid-apikeys endpoint and a clock are required");
        }
        String scheme = apiKeysEndpoint.getScheme() == null ? "" : apiKeysEndpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || apiKeysEndpoint.getHost() == null) {
            throw new IllegalArgumentException("the maid-apikeys endpoint must be an absolute http or https URL with a host, was '"
                    + Endpoints.display(apiKeysEndpoint) + "'");
        }
        this.timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (this.timeout.isNegative() || this.timeout.isZero()) {
            throw new IllegalArgumentException("the introspection timeout must be positive, was " + timeout);
        }
        this.introspectUri = Endpoints.resolve(apiKeysEndpoint, ROUTE);
        this.display = "maid-apikeys POST " + ROUTE + " at " + Endpoints.display(apiKeysEndpoint);
        this.clock = clock;
        this.cache = new IntrospectionCache(maxCacheEntries);
        this.http = HttpCalls.newClient(this.timeout);
    }

    /** 5 s timeout, the system clock, 10,000 cached answers. */
    public MaidApiKeysIntrospector(URI apiKeysEndpoint) {
        this(apiKeysEndpoint, DEFAULT_TIMEOUT, Clock.systemUTC(), DEFAULT_MAX_CACHE_ENTRIES);
    }

    @Override
    public Principal introspect(String credential, CredentialKind kind) {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (credential == null || credential.isBlank()) {
            return Principal.inactive();
        }
        String key = cacheKey(credential, kind);
        Principal cached = cache.get(key, clock.instant());
        if (cached != null) {
            return cached;
        }
        Principal answer = ask(credential, kind);
        Instant now = clock.instant();
        if (answer.active() && answer.expiresAt() != null && !answer.expiresAt().isAfter(now)) {
            answer = new Principal(false, answer.subject(), Set.of(), answer.expiresAt());
        }
        Instant validUntil;
        if (answer.active()) {
            validUntil = now.plusSeconds(ACTIVE_TTL_SECONDS);
            if (answer.expiresAt() != null && answer.expiresAt().isBefore(validUntil)) {
                validUntil = answer.expiresAt();
            }
        } else {
            validUntil = now.plusSeconds(INACTIVE_TTL_SECONDS);
        }
        cache.put(key, answer, validUntil);
        return answer;
    }

    /** The cache's keys, so tests can check that no credential is held. */
    Set<String> cacheKeys() {
        return cache.keys();
    }

    static String cacheKey(String credential, CredentialKind kind) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.wireName().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(credential.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private Principal ask(String credential, CredentialKind kind) {
        ObjectNode body = json.createObjectNode();
        body.put("credential", credential);
        body.put("kind", kind.wireName());
        HttpRequest request = HttpRequest.newBuilder(introspectUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpCalls.send(http, request, timeout);
        } catch (HttpCalls.CallFailure f) {
            throw new IntrospectionUnavailableException(display + ": " + f.getMessage(), f.getCause());
        }
        int status = response.statusCode();
        if (status == 401) {
            return Principal.inactive();
        }
        if (status != 200) {
            throw unavailable("answered HTTP " + status + ": " + HttpCalls.excerpt(scrub(response.body(), credential)), null);
        }
        return principal(response.body(), credential);
    }

    private Principal principal(String body, String credential) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw unavailable("answered with a body that is not JSON: " + HttpCalls.excerpt(scrub(body, credential)), null);
        }
        if (root == null || !root.isObject() || !root.path("active").isBoolean()) {
            throw unavailable("answered without a boolean 'active': " + HttpCalls.excerpt(scrub(body, credential)), null);
        }
        boolean active = root.get("active").asBoolean();
        String subject = firstText(root, "subject", "sub");
        Instant expiresAt = expiresAt(root);
        if (!active) {
            return new Principal(false, subject, Set.of(), expiresAt);
        }
        if (subject == null || subject.isBlank()) {
            throw unavailable("answered active without a subject", null);
        }
        return new Principal(true, subject, scopes(root), expiresAt);
    }

    private Set<String> scopes(JsonNode root) {
        JsonNode scopes = root.get("scopes");
        Set<String> out = new LinkedHashSet<>();
        if (scopes != null && !scopes.isNull()) {
            if (!scopes.isArray()) {
                throw unavailable("answered with 'scopes' that is not a list", null);
            }
            for (JsonNode s : scopes) {
                if (!s.isTextual()) {
                    throw unavailable("answered with a scope that is not a string", null);
                }
                out.add(s.asText());
            }
            return out;
        }
        JsonNode scope = root.get("scope");
        if (scope != null && scope.isTextual()) {
            for (String s : scope.asText().trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private Instant expiresAt(JsonNode root) {
        JsonNode v = root.get("expires_at");
        if (v != null && !v.isNull()) {
            if (!v.isTextual()) {
                throw unavailable("answered with 'expires_at' that is not an RFC 3339 string", null);
            }
            try {
                return OffsetDateTime.parse(v.asText().trim().toUpperCase(Locale.ROOT)).toInstant();
            } catch (DateTimeParseException e) {
                throw unavailable("answered with 'expires_at' that is not RFC 3339: " + HttpCalls.excerpt(v.asText()), e);
            }
        }
        JsonNode exp = root.get("exp");
        if (exp != null && exp.isNumber()) {
            return Instant.ofEpochSecond(exp.asLong());
        }
        return null;
    }

    private static String firstText(JsonNode root, String... names) {
        for (String n : names) {
            JsonNode v = root.get(n);
            if (v != null && v.isTextual()) {
                return v.asText();
            }
        }
        return null;
    }

    private IntrospectionUnavailableException unavailable(String what, Throwable cause) {
        return new IntrospectionUnavailableException(display + " " + what, cause);
    }

    /** An upstream that echoes the credential back in an error must not get it into our messages. */
    private static String scrub(String text, String credential) {
        return text == null ? null : text.replace(credential, "[credential]");
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
