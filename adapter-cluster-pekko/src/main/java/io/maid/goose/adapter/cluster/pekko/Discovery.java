package io.maid.goose.adapter.cluster.pekko;

import java.util.List;
import java.util.Locale;

/**
 * How a node finds its cluster ({@code engine.cluster.discovery}). With {@code seed-nodes} (the default) it joins the
 * seed nodes it is given. With {@code kubernetes} or {@code config} it runs Pekko Management (an HTTP endpoint on
 * {@code managementPort}, bound to the node's bind host, with the cluster bootstrap's routes and the health checks
 * {@code /alive} and {@code /ready}) and Pekko's cluster bootstrap: the node looks up its contact points (the
 * management endpoints of the service's nodes) through Pekko Discovery, probes them, and joins the cluster they
 * report; when none has formed one and at least {@code requiredContactPoints} are found and stable, the contact
 * point with the lowest address forms it and the others join. {@code kubernetes} looks the pods up through the
 * Kubernetes API ({@code pekko-discovery-kubernetes-api}: pods of {@code namespace} matching {@code labelSelector},
 * whose {@code %s} is {@code serviceName}); {@code config} reads them from {@code endpoints}, for fixed hosts and
 * tests: the same bootstrap, another lookup.
 *
 * @param method                {@value #SEED_NODES_METHOD}, {@value #KUBERNETES} or {@value #CONFIG}
 * @param serviceName           the service the contact points are looked up under (default {@value #DEFAULT_SERVICE})
 * @param labelSelector         kubernetes: the pods' label selector, {@code %s} replaced by {@code serviceName}
 *                              (default {@value #DEFAULT_LABEL_SELECTOR})
 * @param namespace             kubernetes: the pods' namespace; null for the pod's own (from its service account)
 * @param managementPort        the port Pekko Management listens on, 1..65535 (default {@value #DEFAULT_MANAGEMENT_PORT})
 * @param requiredContactPoints how many contact points must be found before a new cluster forms, 1..100 (default 2)
 * @param endpoints             config: the nodes' management endpoints, {@code host:port}
 */
public record Discovery(String method, String serviceName, String labelSelector, String namespace, int managementPort,
                        int requiredContactPoints, List<String> endpoints) {
    public static final String SEED_NODES_METHOD = "seed-nodes";
    public static final String KUBERNETES = "kubernetes";
    public static final String CONFIG = "config";
    public static final String DEFAULT_SERVICE = "goose";
    public static final String DEFAULT_LABEL_SELECTOR = "app.kubernetes.io/part-of=%s";
    public static final int DEFAULT_MANAGEMENT_PORT = 7626;
    public static final int DEFAULT_REQUIRED_CONTACT_POINTS = 2;
    /** Seed nodes, no management. */
    public static final Discovery SEED_NODES = new Discovery(SEED_NODES_METHOD, null, null, null, 0, 0, null);

    public Discovery {
        method = method == null || method.isBlank() ? SEED_NODES_METHOD : method.toLowerCase(Locale.ROOT);
        serviceName = serviceName == null || serviceName.isBlank() ? DEFAULT_SERVICE : serviceName;
        labelSelector = labelSelector == null || labelSelector.isBlank() ? DEFAULT_LABEL_SELECTOR : labelSelector;
        namespace = namespace == null || namespace.isBlank() ? null : namespace;
        managementPort = managementPort == 0 ? DEFAULT_MANAGEMENT_PORT : managementPort;
        requiredContactPoints = requiredContactPoints == 0 ? DEFAULT_REQUIRED_CONTACT_POINTS : requiredContactPoints;
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /** Pekko's {@code config} discovery of {@code endpoints} under the default service, for fixed hosts and tests. */
    public static Discovery config(int managementPort, int requiredContactPoints, List<String> endpoints) {
        return new Discovery(CONFIG, null, null, null, managementPort, requiredContactPoints, endpoints);
    }

    void validate() {
        if (!List.of(SEED_NODES_METHOD, KUBERNETES, CONFIG).contains(method)) {
            throw new ClusterSettingsException("engine.cluster.discovery.method must be seed-nodes, kubernetes or config,"
                    + " was '" + method + "'");
        }
        if (method.equals(SEED_NODES_METHOD)) {
            return;
        }
        if (managementPort < 1 || managementPort > 65535) {
            throw new ClusterSettingsException("engine.cluster.discovery.management_port must be 1..65535, was "
                    + managementPort);
        }
        if (requiredContactPoints < 1 || requiredContactPoints > 100) {
            throw new ClusterSettingsException("engine.cluster.discovery.required_contact_points must be 1..100, was "
                    + requiredContactPoints);
        }
        if (!serviceName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new ClusterSettingsException("engine.cluster.discovery.service_name must be a DNS label (letters, digits,"
                    + " '.', '_', '-'), was '" + serviceName + "'");
        }
        if (method.equals(CONFIG)) {
            if (endpoints.isEmpty()) {
                throw new ClusterSettingsException("engine.cluster.discovery.endpoints must list the nodes' management"
                        + " endpoints (HOST:PORT) for the config method");
            }
            endpoints.forEach(e -> HostPort.parse(e, "engine.cluster.discovery.endpoints"));
        }
        if (method.equals(KUBERNETES) && !labelSelector.contains("=")) {
            throw new ClusterSettingsException("engine.cluster.discovery.label_selector must be a Kubernetes label"
                    + " selector such as app=%s, was '" + labelSelector + "'");
        }
    }

    @Override
    public String toString() {
        return method.equals(SEED_NODES_METHOD) ? SEED_NODES_METHOD : method + "[service=" + serviceName
                + (method.equals(KUBERNETES) ? ", labelSelector=" + labelSelector + ", namespace="
                + (namespace == null ? "the pod's own" : namespace) : ", endpoints=" + endpoints)
                + ", managementPort=" + managementPort + ", requiredContactPoints=" + requiredContactPoints + "]";
    }
}
