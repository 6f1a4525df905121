package io.maid.goose.engine;

import io.maid.goose.domain.RunEvent;
import io.maid.goose.ports.in.RunEventListener;
import io.maid.goose.ports.in.SubscribeRunEventsUseCase.Subscription;
import io.maid.goose.ports.out.RunEventSink;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers every run event to every sink and subscriber, one event at a time and in order, so that a
 * sink never sees two events at once and {@code RunEnded} is always the last of its run. A sink or
 * listener that throws is logged and skipped; it never affects the run or the other receivers.
 */
final class EventFanOut {
    private static final Logger LOG = System.getLogger(EventFanOut.class.getName());

    private final List<RunEventSink> sinks;
    private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock order = new ReentrantLock();

    EventFanOut(List<RunEventSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    Subscription subscribe(RunEventListener listener) {
        // A wrapper per subscription, so closing one never removes another subscription of the same listener.
        RunEventListener entry = listener::onEvent;
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    void publish(RunEvent event) {
        order.lock();
        try {
            for (RunEventSink sink : sinks) {
                try {
                    sink.publish(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "event sink " + sink.getClass().getName() + " failed on "
                            + event.getClass().getSimpleName() + "; the run goes on", e);
                }
            }
            for (RunEventListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a run event listener failed on "
                            + event.getClass().getSimpleName() + "; the run goes on", e);
                }
            }
        } finally {
            order.unlock();
        }
    }
}
