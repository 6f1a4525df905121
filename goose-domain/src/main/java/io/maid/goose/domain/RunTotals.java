package io.maid.goose.domain;

/**
 * The headline numbers kept in run history.
 *
 * @param p95Ms the raw p95 latency, or NaN when unknown (records written before it was kept)
 */
public record RunTotals(long requests, long failures, double rps, double p99Ms, double p95Ms) {
    public static final RunTotals NONE = new RunTotals(0, 0, 0, 0, 0);

    /** Without a p95 (unknown). */
    public RunTotals(long requests, long failures, double rps, double p99Ms) {
        this(requests, failures, rps, p99Ms, Double.NaN);
    }

    public static RunTotals of(RunSummary s) {
        return new RunTotals(s.total().count(), s.total().failures(), s.total().rps(), s.total().latency().p99Ms(),
                s.total().latency().p95Ms());
    }
}
