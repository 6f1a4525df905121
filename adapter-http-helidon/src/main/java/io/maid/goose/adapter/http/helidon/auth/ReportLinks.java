package io.maid.goose.adapter.http.helidon.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * Short-lived signed links to one run's report files, so that a browser can open a report (a new tab, an
 * embedded frame) without a credential in the URL and without a header. A link carries {@code expires}
 * (Unix seconds) and {@code signature}, the base64url HMAC-SHA256 of the run id and the expiry under a
 * server key; it grants reading that run's report files, and nothing else, until it expires (at most
 * {@link #MAX_TTL} after it was minted).
 *
 * <p>The key is random per process unless a secret is configured (several instances behind one address,
 * or links that must survive a restart, need the same secret everywhere). Thread-safe.
 */
public final class ReportLinks {
    /** The longest a link may live. */
    public static final Duration MAX_TTL = Duration.ofMinutes(10);
    /** How long a link lives unless the caller asks for less. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** A configured secret must be at least this long, in characters. */
    public static final int MIN_SECRET_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final String CONTEXT = "goose-report-link\n";
    private static final Duration FUTURE_SKEW = Duration.ofSeconds(5);

    private final SecretKeySpec key;
    private final Clock clock;

    private ReportLinks(byte[] key, Clock clock) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param secret the configured signing secret, or {@code null} for a random key for this process only
     * @throws IllegalArgumentException if a configured secret is shorter than {@value #MIN_SECRET_LENGTH}
     */
    public static ReportLinks create(String secret, Clock clock) {
        if (secret == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new ReportLinks(random, clock);
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("security.report_link_secret must be at least " + MIN_SECRET_LENGTH
                    + " characters long");
        }
        return new ReportLinks(secret.getBytes(StandardCharsets.UTF_8), clock);
    }

    /** A link's query values. */
    public record Signed(long expires, String signature) {
        public Instant expiresAt() {
            return Instant.ofEpochSecond(expires);
        }

        public String query() {
            return "expires=" + expires + "&signature=" + signature;
        }
    }

    /** What a presented link is worth. */
    public enum Check { VALID, EXPIRED, INVALID }

    /** Signs a link to run {@code runId}'s files that expires after {@code ttl} (clamped to 1 s .. {@link #MAX_TTL}). */
    public Signed mint(String runId, Duration ttl) {
        Duration life = ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : ttl;
        long expires = clock.instant().plus(life).getEpochSecond();
        return new Signed(expires, sign(normalise(runId), expires));
    }

    /** Checks {@code expires} and {@code signature} as they arrived in a request for run {@code runId}. */
    public Check check(String runId, String expires, String signature) {
        if (runId == null || expires == null || signature == null || !expires.matches("[0-9]{1,12}")) {
            return Check.INVALID;
        }
        long at = Long.parseLong(expires);
        byte[] expected = sign(normalise(runId), at).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Check.INVALID;
        }
        Instant now = clock.instant();
        if (Instant.ofEpochSecond(at).isAfter(now.plus(MAX_TTL).plus(FUTURE_SKEW))) {
            // signed with this key, yet longer-lived than this service ever mints: not one of ours
            return Check.INVALID;
        }
        return Instant.ofEpochSecond(at).isAfter(now) ? Check.VALID : Check.EXPIRED;
    }

    private String sign(String runId, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] tag = mac.doFinal((CONTEXT + runId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String normalise(String runId) {
        return runId.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ReportLinks[key hidden]";
    }
}
