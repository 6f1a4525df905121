package io.maid.goose.domain;

/** The run is over; the summary is final. Always the last event of a run. */
public record RunEnded(RunSummary summary) implements RunEvent {
    @Override
    public String runId() {
        return summary.runId();
    }
}
