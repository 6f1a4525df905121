package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.adapter.cluster.pekko.protocol.SignedCommand;
import io.maid.goose.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandVerifierTest {
    static final String SECRET = "0123456789abcdef0123456789abcdef-cluster";
    private final ManualClock clock = new ManualClock();
    private final CommandSigner signer = new CommandSigner(SECRET, clock);
    private final CommandVerifier verifier = new CommandVerifier(SECRET, clock, Duration.ofSeconds(30));

    private static String reason(Optional<String> refusal) {
        return refusal.orElse("accepted");
    }

    @Test
    void aCommandSignedUnderTheSecretIsAccepted() {
        assertEquals(Optional.empty(), verifier.refusal(signer.sign(SignedCommand.START, "run-1", "{}")));
    }

    @Test
    void anUnsignedCommandIsRefused() {
        SignedCommand c = signer.sign(SignedCommand.START, "run-1", "{}");

        assertEquals("unsigned", reason(verifier.refusal(new SignedCommand(c.kind(), c.runId(), c.body(), c.nonce(),
                c.issuedAtMillis(), null))));
    }

    @Test
    void aCommandSignedUnderAnotherSecretIsRefused() {
        SignedCommand forged = new CommandSigner("another-secret-of-at-least-32-bytes!!", clock).sign(SignedCommand.STOP, "run-1", "{}");

        assertTrue(reason(verifier.refusal(forged)).startsWith("wrong signature"));
    }

    @Test
    void aCommandWhoseBodyWasChangedAfterSigningIsRefused() {
        SignedCommand c = signer.sign(SignedCommand.SEGMENT, "run-1", "{\"users\":1}");

        assertTrue(reason(verifier.refusal(new SignedCommand(c.kind(), c.runId(), "{\"users\":9}", c.nonce(),
                c.issuedAtMillis(), c.mac()))).startsWith("wrong signature"));
    }

    @Test
    void aCommandWhoseKindWasChangedAfterSigningIsRefused() {
        SignedCommand c = signer.sign(SignedCommand.STOP, "run-1", "{}");

        assertTrue(reason(verifier.refusal(new SignedCommand(SignedCommand.START, c.runId(), c.body(), c.nonce(),
                c.issuedAtMillis(), c.mac()))).startsWith("wrong signature"));
    }

    @Test
    void aReplayedCommandIsRefused() {
        SignedCommand c = signer.sign(SignedCommand.START, "run-1", "{}");
        verifier.refusal(c);

        assertEquals("replayed (its nonce was used before)", reason(verifier.refusal(c)));
    }

    @Test
    void aCommandIssuedOutsideTheWindowIsRefused() {
        SignedCommand c = signer.sign(SignedCommand.START, "run-1", "{}");
        clock.advance(Duration.ofSeconds(31));

        assertTrue(reason(verifier.refusal(c)).contains("outside the 30000 ms window"));
    }

    @Test
    void aReplayLongAfterTheFirstUseIsStillRefused() {
        SignedCommand c = signer.sign(SignedCommand.START, "run-1", "{}");
        verifier.refusal(c);
        clock.advance(Duration.ofSeconds(20));
        verifier.refusal(signer.sign(SignedCommand.STOP, "run-1", "{}"));

        assertTrue(verifier.refusal(c).isPresent());
    }
}
