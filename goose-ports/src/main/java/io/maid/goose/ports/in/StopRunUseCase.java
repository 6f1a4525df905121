package io.maid.goose.ports.in;

/** Stops the active run gracefully: it goes to decrease, then shutdown, and ends as cancelled. */
public interface StopRunUseCase {
    /** @return true if a run was active and is now stopping; false if there was nothing to stop */
    boolean stop();
}
