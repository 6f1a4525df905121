package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.adapter.cluster.pekko.protocol.SignedCommand;
import io.maid.goose.ports.out.Clock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A worker's check of a run command: the MAC must match (compared in constant time), the timestamp must lie within
 * the window of this node's clock, and the nonce must not have been seen within the window. A nonce is remembered
 * for as long as a command carrying it could still pass the timestamp check, so memory is bounded by the commands
 * of one window ({@value #MAX_REMEMBERED} at most; beyond that, commands are refused until old nonces expire).
 * Thread-safe.
 */
public final class CommandVerifier {
    static final int MAX_REMEMBERED = 100_000;
    private final CommandSigner signer;
    private final Clock clock;
    private final long windowMillis;
    private final Set<String> seen = new HashSet<>();
    private final Deque<Seen> byTime = new ArrayDeque<>();

    private record Seen(String nonce, long issuedAtMillis) {
    }

    public CommandVerifier(String secret, Clock clock, Duration window) {
        this.signer = new CommandSigner(secret, clock);
        this.clock = clock;
        this.windowMillis = window.toMillis();
    }

    /** @return why the command is refused, or empty when it may be acted on (its nonce is then used up) */
    public synchronized Optional<String> refusal(SignedCommand c) {
        if (c.mac() == null || c.mac().isEmpty()) {
            return Optional.of("unsigned");
        }
        if (c.nonce() == null || c.nonce().isEmpty()) {
            return Optional.of("no nonce");
        }
        byte[] expected = signer.mac(c.kind(), c.runId(), c.body(), c.nonce(), c.issuedAtMillis()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, c.mac().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("wrong signature (is engine.cluster.secret the same on every node?)");
        }
        long now = clock.wallTime().toEpochMilli();
        if (Math.abs(now - c.issuedAtMillis()) > windowMillis) {
            return Optional.of("issued " + (now - c.issuedAtMillis()) + " ms from this node's clock, outside the "
                    + windowMillis + " ms window (are the clocks in sync?)");
        }
        expire(now);
        if (seen.contains(c.nonce())) {
            return Optional.of("replayed (its nonce was used before)");
        }
        if (seen.size() >= MAX_REMEMBERED) {
            return Optional.of("too many commands within the window");
        }
        seen.add(c.nonce());
        byTime.addLast(new Seen(c.nonce(), c.issuedAtMillis()));
        return Optional.empty();
    }

    private void expire(long now) {
        // Entries are appended roughly in time order; one issued far earlier than its neighbours expires late, never early.
        while (!byTime.isEmpty() && now - byTime.peekFirst().issuedAtMillis() > 2 * windowMillis) {
            seen.remove(byTime.removeFirst().nonce());
        }
    }
}
