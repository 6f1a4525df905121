package io.maid.goose.ports.in;

/** All the engine's use cases together: what the composition root hands to the driving adapters. */
public interface LoadTestEngine extends StartRunUseCase, StopRunUseCase, RunStatusQuery, SubscribeRunEventsUseCase {
}
