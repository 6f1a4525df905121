package io.maid.goose.app.cluster;

import io.maid.goose.adapter.cluster.pekko.ClusterLoadTestEngine;
import io.maid.goose.adapter.cluster.pekko.ClusterSettings;
import io.maid.goose.adapter.cluster.pekko.Discovery;
import io.maid.goose.adapter.cluster.pekko.EngineSegmentRunner;
import io.maid.goose.adapter.cluster.pekko.WorkerNode;
import io.maid.goose.app.Composition;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.engine.SystemClock;
import io.maid.goose.ports.in.IntervalSampleMath;

import java.time.Duration;
import java.util.List;

/** How app builds the cluster's nodes from {@code engine.cluster} settings: plain {@code new}, as everywhere. */
public final class ClusterWiring {
    private ClusterWiring() {
    }

    /**
     * The adapter's settings from {@code engine.cluster}, with the command line's choices over them.
     *
     * @param seeds    {@code --cluster HOST:PORT,...}, or null for the settings' seed nodes
     * @param bindHost {@code --bind}, or null
     * @param bindPort {@code --port}, or null
     */
    public static ClusterSettings settings(Settings.Cluster c, List<String> seeds, String bindHost, Integer bindPort) {
        ClusterSettings.Tls tls = c.tls() == null ? null : new ClusterSettings.Tls(c.tls().keyStore(),
                c.tls().keyStorePassword(), c.tls().trustStore(), c.tls().trustStorePassword());
        Settings.ClusterDiscovery d = c.discovery();
        Discovery discovery = d == null ? Discovery.SEED_NODES : new Discovery(d.method(), d.serviceName(),
                d.labelSelector(), d.namespace(), d.managementPort() == null ? 0 : d.managementPort(),
                d.requiredContactPoints() == null ? 0 : d.requiredContactPoints(), d.endpoints());
        return new ClusterSettings(seeds != null ? seeds : c.seedNodes(), bindHost != null ? bindHost : c.bindHost(),
                bindPort != null ? bindPort : c.bindPort() == null ? ClusterSettings.DEFAULT_PORT : c.bindPort(),
                c.advertiseHost(), c.secret(), tls, seconds(c.sampleGraceSeconds()), seconds(c.commandWindowSeconds()),
                discovery, seconds(c.heartbeatPauseSeconds()));
    }

    private static Duration seconds(Double s) {
        return s == null ? null : Duration.ofMillis(Math.round(s * 1000));
    }

    /** The engine's exact sample arithmetic, which the coordinator merges the workers' samples with. */
    public static IntervalSampleMath intervalSampleMath() {
        return Composition.intervalSampleMath();
    }

    /** A coordinator node: the run use cases for runs spread over the workers that join it. */
    public static ClusterLoadTestEngine coordinator(ClusterSettings settings) {
        return new ClusterLoadTestEngine(settings, intervalSampleMath(), Composition.codec(), new SystemClock());
    }

    /** A worker node that runs its segments on {@code engine}, this process's own. */
    public static WorkerNode worker(ClusterSettings settings, GooseEngine engine) {
        return WorkerNode.start(settings, new EngineSegmentRunner(engine), Composition.codec(), new SystemClock());
    }
}
