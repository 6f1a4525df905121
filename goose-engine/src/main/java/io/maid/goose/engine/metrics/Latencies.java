package io.maid.goose.engine.metrics;

import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.TlsHandshakeStats;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;

/** Reads and encodes latency histograms recorded in microseconds. */
public final class Latencies {
    private static final double MICROS_PER_MILLI = 1000.0;

    private Latencies() {
    }

    /**
     * The distribution in milliseconds. Percentiles use HdrHistogram's nearest-rank definition and report
     * the highest value equivalent to the bucket (within 0.1% of the recorded value); {@link LatencyStats#EMPTY}
     * when the histogram holds nothing.
     */
    public static LatencyStats of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return LatencyStats.EMPTY;
        }
        return new LatencyStats(h.getMinValue() / MICROS_PER_MILLI, h.getMean() / MICROS_PER_MILLI,
                h.getMaxValue() / MICROS_PER_MILLI, h.getStdDeviation() / MICROS_PER_MILLI,
                percentileMs(h, 50), percentileMs(h, 90), percentileMs(h, 95), percentileMs(h, 99),
                percentileMs(h, 99.9));
    }

    /** The handshakes a histogram of TLS handshake times holds; {@link TlsHandshakeStats#NONE} when it is empty. */
    public static TlsHandshakeStats handshakes(Histogram h) {
        return h.getTotalCount() == 0 ? TlsHandshakeStats.NONE : new TlsHandshakeStats(h.getTotalCount(), of(h));
    }

    /** One percentile in milliseconds, 0 when the histogram holds nothing. */
    public static double percentileMs(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / MICROS_PER_MILLI;
    }

    /** Base64 of HdrHistogram's compressed encoding ({@code Histogram.decodeFromCompressedByteBuffer} reads it back). */
    public static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes, 0, length);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
