package io.maid.goose.domain;

import java.util.Objects;

/**
 * One worker's part in a distributed run: which worker, how many of the run's users it ran, how many requests its
 * samples carried, and, when it was lost mid-run, from which second and why.
 *
 * @param worker       the worker's {@code host:port}
 * @param users        the users of its segment
 * @param requests     the requests its interval samples carried
 * @param lostAtSecond the first second merged without it, or null when it was not lost
 * @param lostReason   how the loss was noticed (unreachable, left the cluster, ...), or null
 */
public record WorkerShare(String worker, int users, long requests, Long lostAtSecond, String lostReason) {
    public WorkerShare {
        Objects.requireNonNull(worker, "worker");
    }

    public boolean lost() {
        return lostAtSecond != null;
    }
}
