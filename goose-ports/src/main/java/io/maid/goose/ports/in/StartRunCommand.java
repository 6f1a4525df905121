package io.maid.goose.ports.in;

import io.maid.goose.domain.RunConfig;

import java.util.Objects;
import java.util.UUID;

/**
 * Start a run of {@code config} under {@code runId} (a fresh UUID unless the caller picks one).
 *
 * @param config  what to run
 * @param runId   the run's id
 * @param segment which part of a larger run this is, when a distributed run was split over workers;
 *                {@link Segment#WHOLE} for a run of its own
 */
public record StartRunCommand(RunConfig config, String runId, Segment segment) {
    public StartRunCommand {
        Objects.requireNonNull(config, "config");
        runId = runId == null ? UUID.randomUUID().toString() : UUID.fromString(runId).toString();
        segment = segment == null ? Segment.WHOLE : segment;
    }

    /** A run of its own. */
    public StartRunCommand(RunConfig config, String runId) {
        this(config, runId, Segment.WHOLE);
    }

    public static StartRunCommand of(RunConfig config) {
        return new StartRunCommand(config, null);
    }

    /**
     * Segment {@code index} of {@code count} of a run whose plan was split over {@code count} workers, user {@code i}
     * of the whole run to segment {@code i mod count} (k6's execution segments). An engine running a segment:
     * <ul>
     *   <li>numbers its users globally: its {@code k}-th user (0-based, in launch order) is user
     *       {@link #globalUser(int) index + k * count} of the whole run, so {@code {{$user}}}, the scenario a user
     *       gets and anything else keyed by the user's index are what they would be in one process, and unique
     *       across the segments;</li>
     *   <li>in the open model, whose rates are the whole plan's divided by {@code count}, shifts its arrivals by
     *       {@link #arrivalPhase()}: its {@code k}-th arrival is due when its own planned count reaches
     *       {@code k + (index + 1/2) / count}, which is arrival {@code index + k * count} of the whole plan. So the
     *       segments' arrivals interleave, the whole plan's schedule, instead of coming in bursts of {@code count}
     *       at once, and together they number exactly the whole plan's arrivals.</li>
     * </ul>
     *
     * @param index 0..count-1
     * @param count 1..{@value io.maid.goose.domain.Distribution#MAX_WORKERS}
     */
    public record Segment(int index, int count) {
        /** A whole run: user indices and arrivals as they are. */
        public static final Segment WHOLE = new Segment(0, 1);

        public Segment {
            if (count < 1 || count > io.maid.goose.domain.Distribution.MAX_WORKERS || index < 0 || index >= count) {
                throw new IllegalArgumentException("segment " + index + " of " + count + " does not exist");
            }
        }

        /** The whole run's index of this segment's {@code local}-th user. */
        public int globalUser(int local) {
            return Math.toIntExact(index + (long) local * count);
        }

        /** Where in an interval of the segment's own arrival count its arrivals fall: {@code (index + 1/2) / count}. */
        public double arrivalPhase() {
            return (index + 0.5) / count;
        }
    }
}
