/** A distributed run on an Apache Pekko cluster: a coordinator node and worker nodes of role {@code worker}. */
package io.maid.goose.adapter.cluster.pekko;
