package io.maid.goose.ports.in;

import io.maid.goose.domain.RunEvent;

/**
 * Receives run events. Called on the engine's aggregation thread: it must return quickly and never
 * block (enqueue and return); an exception it throws is logged and does not affect the run.
 */
@FunctionalInterface
public interface RunEventListener {
    void onEvent(RunEvent event);
}
