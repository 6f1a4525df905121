package io.maid.goose.ports.in;

/** Subscribes to the events of every run: metrics once a second, logs, status, phase changes and the end. */
public interface SubscribeRunEventsUseCase {
    /** @return a handle whose {@code close()} unsubscribes */
    Subscription subscribe(RunEventListener listener);

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
