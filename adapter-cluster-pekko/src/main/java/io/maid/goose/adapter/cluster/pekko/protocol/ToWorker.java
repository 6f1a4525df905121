package io.maid.goose.adapter.cluster.pekko.protocol;

import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.sample.IntervalSample;
import org.apache.pekko.actor.typed.ActorRef;

/** What a worker node's actor receives: signed commands from a coordinator, and its own segment's news. */
public sealed interface ToWorker {
    /** A signed command (segment, start, stop) and where to answer. */
    record Command(SignedCommand command, ActorRef<ToCoordinator> replyTo) implements ToWorker, ClusterMessage {
    }

    /** The segment recorded a second (local only). */
    record SampleRecorded(String runId, IntervalSample sample) implements ToWorker {
    }

    /** The segment wrote a log line (local only). */
    record Logged(String runId, String level, String message) implements ToWorker {
    }

    /** The segment ended (local only). */
    record Ended(String runId, RunSummary summary) implements ToWorker {
    }

    /** Cluster membership changed (local only). */
    record Membership(Object event) implements ToWorker {
    }
}
