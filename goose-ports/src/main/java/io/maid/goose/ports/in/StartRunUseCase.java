package io.maid.goose.ports.in;

/** Starts a load test. At most one run is active at a time. */
public interface StartRunUseCase {
    /**
     * Starts the run and returns at once, in phase increase.
     *
     * @throws RunAlreadyActiveException if a run is still active
     * @throws InvalidRunConfigException   if the config cannot be run as it is (a feeder file that cannot be
     *                                     loaded, or lacks a column a template uses); nothing was started
     */
    RunHandle start(StartRunCommand command);
}
