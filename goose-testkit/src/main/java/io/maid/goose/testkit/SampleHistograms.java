package io.maid.goose.testkit;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Encoded latency histograms for fixtures, in the form runs store them: microseconds, 1 µs .. 1 h at 3
 * significant digits, base64 of HdrHistogram's compressed encoding. The samples are log-normal around a
 * median with a long tail, from a fixed seed, so a fixture is the same on every build.
 */
public final class SampleHistograms {
    private SampleHistograms() {
    }

    /** {@code samples} latencies around {@code medianMs}, from {@code seed}. */
    public static String encoded(int samples, double medianMs, long seed) {
        return encode(histogram(samples, medianMs, seed));
    }

    public static Histogram histogram(int samples, double medianMs, long seed) {
        Histogram h = new Histogram(1, 3_600_000_000L, 3);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < samples; i++) {
            double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            long micros = Math.round(medianMs * 1000 * Math.exp(0.45 * gaussian));
            h.recordValue(Math.max(1, Math.min(3_600_000_000L, micros)));
        }
        return h;
    }

    public static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }
}
