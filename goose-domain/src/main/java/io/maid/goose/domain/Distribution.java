package io.maid.goose.domain;

import java.util.Locale;

/**
 * How a run is spread over a cluster's workers ({@code "distribution"} in the run config). A run without it
 * uses every worker that has joined, and goes on when one is lost.
 *
 * @param workers      how many workers run it, 1..{@value #MAX_WORKERS}; {@code null} for all that have joined
 * @param onWorkerLost what a worker lost mid-run does to the run
 */
public record Distribution(Integer workers, OnWorkerLost onWorkerLost) {
    public static final int MAX_WORKERS = 1024;

    public Distribution {
        if (workers != null) {
            Checks.range("workers", workers, 1, MAX_WORKERS);
        }
        onWorkerLost = onWorkerLost == null ? OnWorkerLost.CONTINUE : onWorkerLost;
    }

    /** Every worker that has joined; a lost worker does not stop the run. */
    public static Distribution allJoined() {
        return new Distribution(null, OnWorkerLost.CONTINUE);
    }

    /** {@code n} workers; a lost worker does not stop the run. */
    public static Distribution workers(int n) {
        return new Distribution(n, OnWorkerLost.CONTINUE);
    }

    /** What a lost worker does to its run. */
    public enum OnWorkerLost {
        /** The run goes on with the other workers; a log line warns and the report records the loss. */
        CONTINUE,
        /** The run stops and is marked failed. */
        FAIL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static OnWorkerLost fromWire(String name) {
            for (OnWorkerLost o : values()) {
                if (o.wireName().equals(name)) {
                    return o;
                }
            }
            throw new ConfigException("on_worker_lost", "must be continue or fail, was '" + name + "'");
        }
    }
}
