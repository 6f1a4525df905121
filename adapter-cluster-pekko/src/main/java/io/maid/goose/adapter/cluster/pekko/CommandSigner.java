package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.adapter.cluster.pekko.protocol.SignedCommand;
import io.maid.goose.ports.out.Clock;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signs run commands with HMAC-SHA256 under the cluster's secret. The MAC covers every field, each length-prefixed
 * so that no two different commands share a byte string. Thread-safe.
 */
public final class CommandSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CommandSigner(String secret, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    public SignedCommand sign(String kind, String runId, String body) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String n = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        long at = clock.wallTime().toEpochMilli();
        return new SignedCommand(kind, runId, body, n, at, mac(kind, runId, body, n, at));
    }

    /** The MAC a command with these fields must carry, base64. */
    String mac(String kind, String runId, String body, String nonce, long issuedAtMillis) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(canonical(kind, runId, body, nonce, issuedAtMillis)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
        }
    }

    private static byte[] canonical(String kind, String runId, String body, String nonce, long issuedAtMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : new String[] {kind, runId, body, nonce, Long.toString(issuedAtMillis)}) {
            byte[] bytes = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
