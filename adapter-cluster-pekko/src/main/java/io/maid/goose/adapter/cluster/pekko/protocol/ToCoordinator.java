package io.maid.goose.adapter.cluster.pekko.protocol;

import io.maid.goose.domain.sample.IntervalSample;

/** What a coordinator's actor receives from workers, and its own view of the cluster. */
public sealed interface ToCoordinator {
    /** The worker has checked and decoded its segment and waits for start. */
    record SegmentReady(String runId, String worker) implements ToCoordinator, ClusterMessage {
    }

    /** The worker refused a command (a bad signature, a replay, a config it cannot run), and why. */
    record Refused(String runId, String worker, String kind, String reason) implements ToCoordinator, ClusterMessage {
    }

    /** The worker's segment started; its planned length in whole seconds. */
    record SegmentStarted(String runId, String worker, long plannedSeconds) implements ToCoordinator, ClusterMessage {
    }

    /** One second of the worker's segment, nothing reduced. */
    record Sample(String runId, String worker, IntervalSample sample) implements ToCoordinator, ClusterMessage {
    }

    /** A warning or error the worker's segment logged. */
    record WorkerLog(String runId, String worker, String level, String message) implements ToCoordinator, ClusterMessage {
    }

    /**
     * The worker's segment is over.
     *
     * @param state         completed, cancelled or failed
     * @param lastSecond    the last second it sent a sample of
     * @param abandoned     requests still in flight when its shutdown grace ran out
     * @param requests      every request it counted (its own total, to check the merge against)
     */
    record SegmentEnded(String runId, String worker, String state, String failureReason, long lastSecond,
                        long abandoned, long requests) implements ToCoordinator, ClusterMessage {
    }

    /** Workers registered or left the receptionist (local only). */
    record WorkersListed(Object listing) implements ToCoordinator {
    }

    /** Cluster membership changed (local only). */
    record Membership(Object event) implements ToCoordinator {
    }
}
