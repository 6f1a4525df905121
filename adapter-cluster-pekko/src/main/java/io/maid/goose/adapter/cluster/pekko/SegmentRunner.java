package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.ports.in.StartRunCommand;

/**
 * What a worker runs its segment on: a local engine. It starts the segment as a run of its own under the
 * distributed run's id, reports one {@link IntervalSample} per second and the end, and stops when told.
 */
public interface SegmentRunner {
    /**
     * Starts the segment and returns at once.
     *
     * @param part which segment of the whole run this is: the engine numbers its users and places its arrivals
     *             in the whole run ({@link StartRunCommand.Segment})
     * @throws RuntimeException when it cannot start (the coordinator is told why)
     */
    Segment start(String runId, RunConfig segment, StartRunCommand.Segment part, Listener listener);

    /** A started segment. */
    interface Segment {
        /** Stops it gracefully (decrease, then shutdown within the request timeout); the end is still reported. */
        void stop();

        /** Its planned length in whole seconds. */
        long plannedSeconds();
    }

    /** Receives the segment's news; called on the engine's threads, so it must not block. */
    interface Listener {
        void sample(IntervalSample sample);

        void log(LogEvent event);

        /** The last call, with the segment's own summary. */
        void ended(RunSummary summary);
    }
}
