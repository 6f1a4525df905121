package io.maid.goose.testkit;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;

import java.util.List;
import java.util.Map;

/**
 * Builds {@link StatsRow}s for tests by field name: a key, then what the test cares about. Unset
 * latencies are {@link LatencyStats#EMPTY}, counts 0, maps empty; {@link Builder#allLatency} defaults to
 * the OK latency when it is not set.
 *
 * <pre>{@code
 * StatsRow row = StatsRows.builder(StatsKey.total()).count(400).failures(2).latency(lat).build();
 * StatsRow renamed = StatsRows.from(row).key(StatsKey.scenario("browse")).build();
 * }</pre>
 */
public final class StatsRows {
    private StatsRows() {
    }

    public static Builder builder(StatsKey key) {
        return new Builder(key);
    }

    /** A builder holding every field of {@code row}, to change a few. */
    public static Builder from(StatsRow row) {
        return new Builder(row.key()).count(row.count()).failures(row.failures()).rps(row.rps())
                .latency(row.latency()).failedLatency(row.failedLatency()).allLatency(row.allLatency())
                .corrected(row.corrected()).statusCodes(row.statusCodes()).errors(row.errors())
                .errorSamples(row.errorSamples()).bytesSent(row.bytesSent()).bytesReceived(row.bytesReceived());
    }

    /** Not thread-safe. */
    public static final class Builder {
        private StatsKey key;
        private long count;
        private long failures;
        private double rps;
        private LatencyStats latency = LatencyStats.EMPTY;
        private LatencyStats failedLatency = LatencyStats.EMPTY;
        private LatencyStats allLatency;
        private LatencyStats corrected = LatencyStats.EMPTY;
        private Map<Integer, Long> statusCodes = Map.of();
        private Map<ErrorKind, Long> errors = Map.of();
        private Map<ErrorKind, List<String>> errorSamples = Map.of();
        private long bytesSent;
        private long bytesReceived;

        private Builder(StatsKey key) {
            this.key = key;
        }

        public Builder key(StatsKey v) { key = v; return this; }
        public Builder count(long v) { count = v; return this; }
        public Builder failures(long v) { failures = v; return this; }
        public Builder rps(double v) { rps = v; return this; }
        /** Raw latency of the successful requests. */
        public Builder latency(LatencyStats v) { latency = v; return this; }
        public Builder failedLatency(LatencyStats v) { failedLatency = v; return this; }
        public Builder allLatency(LatencyStats v) { allLatency = v; return this; }
        public Builder corrected(LatencyStats v) { corrected = v; return this; }
        public Builder statusCodes(Map<Integer, Long> v) { statusCodes = v; return this; }
        public Builder errors(Map<ErrorKind, Long> v) { errors = v; return this; }
        public Builder errorSamples(Map<ErrorKind, List<String>> v) { errorSamples = v; return this; }
        public Builder bytesSent(long v) { bytesSent = v; return this; }
        public Builder bytesReceived(long v) { bytesReceived = v; return this; }

        public StatsRow build() {
            return new StatsRow(key, count, failures, rps, latency, failedLatency,
                    allLatency == null ? latency : allLatency, corrected, statusCodes, errors, errorSamples, bytesSent,
                    bytesReceived);
        }
    }
}
