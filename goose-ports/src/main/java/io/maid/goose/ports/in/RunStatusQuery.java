package io.maid.goose.ports.in;

import io.maid.goose.domain.EngineStatus;

/** Reads where the engine is. Cheap, lock-free and safe to call at any rate. */
public interface RunStatusQuery {
    EngineStatus status();
}
