package io.maid.goose.adapter.cluster.pekko;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The segments of one run being handed out: which workers have yet to answer, which refused and why. {@link #done}
 * completes once every worker has accepted or refused. Thread-safe (it locks itself).
 */
final class Preparation {
    final String runId;
    final Set<String> waiting;
    final Map<String, String> refusals = new TreeMap<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Preparation(String runId, Set<String> waiting) {
        this.runId = runId;
        this.waiting = new HashSet<>(waiting);
    }

    synchronized void accept(String worker) {
        waiting.remove(worker);
        if (waiting.isEmpty()) {
            done.complete(null);
        }
    }

    synchronized void refuse(String worker, String reason) {
        if (waiting.remove(worker)) {
            refusals.put(worker, reason);
            if (waiting.isEmpty()) {
                done.complete(null);
            }
        }
    }
}
