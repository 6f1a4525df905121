package io.maid.goose.domain.sample;

import java.util.Arrays;
import java.util.Base64;

/**
 * A latency histogram in microseconds, as HdrHistogram's compressed encoding. The domain treats the bytes as
 * opaque; only the engine (the one core module allowed HdrHistogram) decodes, adds and reduces them.
 *
 * @param bytes the encoding; empty when the histogram has no samples
 */
public record EncodedHistogram(byte[] bytes) {
    /** A histogram without samples. */
    public static final EncodedHistogram EMPTY = new EncodedHistogram(new byte[0]);

    public EncodedHistogram {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Base64 of the encoding, the form reports and cluster messages carry. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static EncodedHistogram ofBase64(String base64) {
        return base64 == null || base64.isEmpty() ? EMPTY : new EncodedHistogram(Base64.getDecoder().decode(base64));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedHistogram h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "EncodedHistogram[" + bytes.length + " bytes]";
    }
}
