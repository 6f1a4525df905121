package io.maid.goose.ports.in;

import io.maid.goose.engine.GooseEngine;

/** TEST FIXTURE: a port that reaches into the engine. */
public interface EngineLeakFixture {
    GooseEngine engine();
}
