package io.maid.goose.engine.metrics;

import io.maid.goose.domain.sample.EncodedHistogram;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * Converts between latency histograms and the domain's {@link EncodedHistogram} (HdrHistogram's compressed
 * encoding), without loss: decoding an encoding gives back every count in its bucket.
 */
public final class EncodedHistograms {
    private EncodedHistograms() {
    }

    /** The histogram's compressed encoding; {@link EncodedHistogram#EMPTY} when it holds nothing. */
    public static EncodedHistogram encode(AbstractHistogram h) {
        return new Encoder().encode(h);
    }

    /**
     * Encodes histograms through one reused buffer, so that encoding allocates only the encoding itself. One
     * thread at a time.
     */
    public static final class Encoder {
        private ByteBuffer buffer = ByteBuffer.allocate(0);

        /** As {@link EncodedHistograms#encode}. */
        public EncodedHistogram encode(AbstractHistogram h) {
            if (h == null || h.getTotalCount() == 0) {
                return EncodedHistogram.EMPTY;
            }
            int needed = h.getNeededByteBufferCapacity();
            if (buffer.capacity() < needed) {
                buffer = ByteBuffer.allocate(needed);
            }
            buffer.clear();
            int length = h.encodeIntoCompressedByteBuffer(buffer);
            return new EncodedHistogram(Arrays.copyOf(buffer.array(), length));
        }
    }

    /**
     * The histogram an encoding holds, with at least the recorders' range; an empty one for
     * {@link EncodedHistogram#EMPTY}.
     *
     * @throws IllegalArgumentException when the bytes are not HdrHistogram's compressed encoding
     */
    public static Histogram decode(EncodedHistogram encoded) {
        if (encoded.isEmpty()) {
            return LatencyRecorders.newHistogram();
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded.bytes()), LatencyRecorders.HIGHEST_US);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a histogram in HdrHistogram's compressed encoding ("
                    + encoded.bytes().length + " bytes): " + e.getMessage(), e);
        }
    }

    /**
     * An empty histogram of the recorders' range that grows when a value beyond it is added (a sample from
     * another process may hold one), for sums of histograms.
     */
    public static Histogram newSum() {
        Histogram h = LatencyRecorders.newHistogram();
        h.setAutoResize(true);
        return h;
    }
}
