package io.maid.goose.adapter.cluster.pekko;

/** Cluster settings no node may start with; the message names the setting and what to do. */
public final class ClusterSettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ClusterSettingsException(String message) {
        super(message);
    }
}
