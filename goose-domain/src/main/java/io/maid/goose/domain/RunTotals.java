package io.maid.goose.domain;

/** The headline numbers kept in run history. */
public record RunTotals(long requests, long failures, double rps, double p99Ms) {
    public static final RunTotals NONE = new RunTotals(0, 0, 0, 0);

    public static RunTotals of(RunSummary s) {
        return new RunTotals(s.total().count(), s.total().failures(), s.total().rps(), s.total().latency().p99Ms());
    }
}
