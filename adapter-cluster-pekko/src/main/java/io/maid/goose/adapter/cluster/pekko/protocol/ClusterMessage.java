package io.maid.goose.adapter.cluster.pekko.protocol;

/**
 * What travels between nodes. Bound to Pekko's Jackson CBOR serializer in the node's configuration, so no message
 * ever goes through Java serialization (which stays disabled).
 */
public interface ClusterMessage {
}
