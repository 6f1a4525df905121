package io.maid.goose.ports.out;

import io.maid.goose.domain.RunEvent;

/**
 * Where the engine publishes its events (metrics snapshots, logs, status, phase changes, the end).
 * Called off the request path; must not block.
 */
public interface RunEventSink {
    void publish(RunEvent event);

    RunEventSink NONE = e -> { };
}
