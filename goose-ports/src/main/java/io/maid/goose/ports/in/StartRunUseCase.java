package io.maid.goose.ports.in;

/** Starts a load test. At most one run is active at a time. */
public interface StartRunUseCase {
    /**
     * Starts the run and returns at once, in phase increase.
     *
     * @throws RunAlreadyActiveException if a run is still active
     */
    RunHandle start(StartRunCommand command);
}
