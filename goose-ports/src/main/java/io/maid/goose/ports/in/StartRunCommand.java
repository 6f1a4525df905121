package io.maid.goose.ports.in;

import io.maid.goose.domain.RunConfig;

import java.util.Objects;
import java.util.UUID;

/** Start a run of {@code config} under {@code runId} (a fresh UUID unless the caller picks one). */
public record StartRunCommand(RunConfig config, String runId) {
    public StartRunCommand {
        Objects.requireNonNull(config, "config");
        runId = runId == null ? UUID.randomUUID().toString() : UUID.fromString(runId).toString();
    }

    public static StartRunCommand of(RunConfig config) {
        return new StartRunCommand(config, null);
    }
}
