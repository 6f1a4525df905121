package io.maid.goose.adapter.cluster.pekko;

import org.apache.pekko.actor.Address;

/** How nodes are named in logs, reports and samples: {@code host:port}. */
final class Nodes {
    private Nodes() {
    }

    static String id(Address a) {
        return a.getHost().orElse("local") + ":" + (a.getPort().isPresent() ? a.getPort().get() : 0);
    }
}
