package io.maid.goose.testkit;

import io.maid.goose.domain.IntervalSampleEvent;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.ports.in.RunEventListener;
import io.maid.goose.ports.out.RunEventSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RunEventSink} (and {@link RunEventListener}) that keeps every event it receives, in order,
 * with typed views for assertions. Thread-safe; the views are snapshots.
 */
public final class RecordingEventSink implements RunEventSink, RunEventListener {
    private final List<RunEvent> events = new ArrayList<>();

    @Override
    public synchronized void publish(RunEvent event) {
        events.add(event);
    }

    @Override
    public void onEvent(RunEvent event) {
        publish(event);
    }

    /** Every event, in arrival order. */
    public synchronized List<RunEvent> events() {
        return List.copyOf(events);
    }

    public List<MetricsSnapshot> metrics() {
        return ofType(MetricsSnapshot.class);
    }

    /** The interval samples, unwrapped from their events. */
    public List<IntervalSample> samples() {
        return ofType(IntervalSampleEvent.class).stream().map(IntervalSampleEvent::sample).toList();
    }

    public List<LogEvent> logs() {
        return ofType(LogEvent.class);
    }

    public List<StatusEvent> statuses() {
        return ofType(StatusEvent.class);
    }

    public List<PhaseChange> phaseChanges() {
        return ofType(PhaseChange.class);
    }

    /** The run's end, once it has arrived. */
    public Optional<RunEnded> ended() {
        List<RunEnded> ended = ofType(RunEnded.class);
        return ended.isEmpty() ? Optional.empty() : Optional.of(ended.getLast());
    }

    /** The last event received, if any. */
    public synchronized Optional<RunEvent> last() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.getLast());
    }

    public synchronized void clear() {
        events.clear();
    }

    private synchronized <T extends RunEvent> List<T> ofType(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (RunEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return List.copyOf(out);
    }
}
