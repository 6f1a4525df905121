package io.maid.goose.adapter.cluster.pekko;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.adapter.cluster.pekko.protocol.SignedCommand;
import io.maid.goose.adapter.cluster.pekko.protocol.ToCoordinator;
import io.maid.goose.adapter.cluster.pekko.protocol.ToWorker;
import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.ports.in.IntervalSampleMath;
import io.maid.goose.ports.in.LoadTestEngine;
import io.maid.goose.ports.in.RunAlreadyActiveException;
import io.maid.goose.ports.in.RunEventListener;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.in.WorkersUnavailableException;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.RunConfigCodec;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The run use cases for a run spread over a cluster's workers, so that the REST API, the CLI, the reports and the
 * stream work on it as on a local run. This process is the coordinator node (role {@code coordinator}): it splits a
 * run into {@link Segments}, sends each worker its segment and then start, signed ({@link CommandSigner}), merges
 * their per-second samples exactly ({@link SecondMerger}) into the stream's figures and the run's totals, and ends
 * the run when every worker has ended or been lost.
 *
 * <p>A run starts only when the workers it needs have joined and each has accepted its segment within
 * {@link #PREPARE_TIMEOUT}; otherwise {@link #start} throws {@link WorkersUnavailableException} and nothing runs.
 * A worker that becomes unreachable or leaves mid-run is lost: the run goes on without it, or stops and fails under
 * {@code on_worker_lost: fail}. Every wait is bounded: a worker that never reports its end is given up on after the
 * run's planned length, its shutdown grace and {@link #END_MARGIN}.
 */
public final class ClusterLoadTestEngine implements LoadTestEngine, AutoCloseable {
    static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(15);
    static final Duration END_MARGIN = Duration.ofSeconds(60);
    private static final Logger LOG = System.getLogger(ClusterLoadTestEngine.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterSettings settings;
    private final IntervalSampleMath math;
    private final RunConfigCodec codec;
    private final Clock clock;
    private final CommandSigner signer;
    private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<io.maid.goose.domain.sample.IntervalSample>> sampleObservers =
            new CopyOnWriteArrayList<>();
    private final Map<String, ActorRef<ToWorker>> workers = new ConcurrentHashMap<>();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("goose-cluster-ticker").factory());
    private final ActorSystem<ToCoordinator> system;
    private volatile ClusterRun current;
    private volatile Preparation preparing;
    /** Why this node can no longer coordinate (its actor system stopped without {@link #close}); null while it can. */
    private volatile String stoppedNode;
    private volatile boolean closing;
    private final String self;

    /**
     * Starts the coordinator node; seed nodes default to the node itself, so workers join it. With a bootstrap
     * discovery ({@link Discovery}) the node runs Pekko Management and joins, or forms, the cluster its contact points
     * report.
     *
     * @throws ClusterSettingsException when the settings may not start a node
     */
    public ClusterLoadTestEngine(ClusterSettings settings, IntervalSampleMath math, RunConfigCodec codec, Clock clock) {
        this.settings = settings.validate();
        this.math = math;
        this.codec = codec;
        this.clock = clock;
        this.signer = new CommandSigner(settings.secret(), clock);
        this.system = ActorSystem.create(CoordinatorActor.create(this), PekkoConfig.SYSTEM,
                PekkoConfig.of(settings, PekkoConfig.COORDINATOR_ROLE, settings.seedNodes()));
        if (settings.bootstraps()) {
            Bootstrap.start(system, settings);
        } else if (settings.seedNodes().isEmpty()) {
            // the first node of its cluster: it joins itself, and workers join it
            Cluster.get(system).manager().tell(org.apache.pekko.cluster.typed.Join.create(
                    Cluster.get(system).selfMember().address()));
        }
        ticker.scheduleAtFixedRate(this::tick, 200, 200, TimeUnit.MILLISECONDS);
        this.self = address();
        system.getWhenTerminated().thenRun(() -> nodeStopped("shut down"));
        LOG.log(Level.INFO, "cluster coordinator listening on " + self + " (" + settings + ")");
    }

    /** This node's {@code host:port}: what {@code goose worker --cluster} is given. */
    public String address() {
        return Nodes.id(Cluster.get(system).selfMember().address());
    }

    /** The workers that have joined and are reachable, by {@code host:port}, sorted. */
    public List<String> workers() {
        List<String> ids = new ArrayList<>();
        for (String id : workers.keySet()) {
            if (!unreachable.contains(id)) {
                ids.add(id);
            }
        }
        ids.sort(null);
        return ids;
    }

    @Override
    public RunHandle start(StartRunCommand command) {
        List<String> chosen;
        List<RunConfig> segments;
        synchronized (this) {
            ClusterRun run = current;
            if (run != null && !run.completion().isDone()) {
                throw new RunAlreadyActiveException(run.runId());
            }
            if (preparing != null) {
                throw new RunAlreadyActiveException(preparing.runId);
            }
            if (stoppedNode != null) {
                throw new WorkersUnavailableException(1, 0, stoppedNode);
            }
            RunConfig config = command.config();
            List<String> ready = workers();
            Integer wanted = config.distribution() == null ? null : config.distribution().workers();
            int n = wanted == null ? ready.size() : wanted;
            if (ready.isEmpty() || ready.size() < n) {
                throw new WorkersUnavailableException(Math.max(1, n), ready.size(), ready.isEmpty()
                        ? "no worker has joined this coordinator at " + address() + " (start one with goose worker --cluster "
                        + address() + ")" : "joined: " + ready);
            }
            chosen = List.copyOf(ready.subList(0, n));
            segments = Segments.split(config, n);
            preparing = new Preparation(command.runId(), Set.copyOf(chosen));
        }
        return startPrepared(command, chosen, segments);
    }

    private RunHandle startPrepared(StartRunCommand command, List<String> chosen, List<RunConfig> segments) {
        Preparation p = preparing;
        RunConfig config = command.config();
        try {
            for (int w = 0; w < chosen.size(); w++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("index", w);
                body.put("workers", chosen.size());
                body.put("config", codec.encode(segments.get(w)));
                send(chosen.get(w), signer.sign(SignedCommand.SEGMENT, command.runId(), JSON.writeValueAsString(body)));
            }
            try {
                p.done.get(PREPARE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                synchronized (p) {
                    p.waiting.forEach(w -> p.refusals.putIfAbsent(w, "no answer within " + PREPARE_TIMEOUT.toSeconds() + " s"));
                }
            }
            synchronized (p) {
                if (!p.refusals.isEmpty()) {
                    for (String w : chosen) {
                        send(w, signer.sign(SignedCommand.STOP, command.runId(), "{}"));
                    }
                    throw new WorkersUnavailableException(chosen.size(), chosen.size() - p.refusals.size(),
                            "not every worker accepted its segment: " + p.refusals);
                }
            }
            long plannedNanos = Duration.ofSeconds(config.duration().seconds()).toNanos()
                    + (long) (2e9 * config.users() / config.hatchRate())
                    + (long) (config.requestTimeoutSeconds() * 1e9) + END_MARGIN.toNanos();
            ClusterRun run = new ClusterRun(command.runId(), config, chosen, math, settings.sampleGrace().toNanos(), clock,
                    clock.monotonicNanos() + plannedNanos, this::publish, why -> stopWorkers(command.runId(), chosen, why));
            current = run;
            for (String w : chosen) {
                send(w, signer.sign(SignedCommand.START, command.runId(), "{}"));
            }
            LOG.log(Level.INFO, "run " + command.runId() + " started on " + chosen.size() + " worker(s): " + chosen);
            return new ClusterRunHandle(run);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a segment could not be encoded", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkersUnavailableException(chosen.size(), 0, "interrupted while the workers took their segments");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            preparing = null;
        }
    }

    /** Sends {@code command} to {@code worker}, if it is listed. */
    void send(String worker, SignedCommand command) {
        ActorRef<ToWorker> ref = workers.get(worker);
        if (ref != null) {
            ref.tell(new ToWorker.Command(command, system));
        }
    }

    private void stopWorkers(String runId, List<String> chosen, String why) {
        LOG.log(Level.INFO, "stopping run " + runId + " on every worker: " + why);
        for (String w : chosen) {
            send(w, signer.sign(SignedCommand.STOP, runId, "{}"));
        }
    }

    @Override
    public boolean stop() {
        ClusterRun run = current;
        if (run == null || run.completion().isDone()) {
            return false;
        }
        run.requestStop();
        stopWorkers(run.runId(), run.workers(), "stop requested");
        return true;
    }

    @Override
    public EngineStatus status() {
        ClusterRun run = current;
        return run == null ? EngineStatus.IDLE : run.status();
    }

    /**
     * Also hands every worker's own interval sample, as it arrives and before any merge, to {@code observer} (on the
     * node's thread: it must not block). For per-worker views and for checking the merge.
     */
    public Subscription observeWorkerSamples(java.util.function.Consumer<io.maid.goose.domain.sample.IntervalSample> observer) {
        sampleObservers.add(observer);
        return () -> sampleObservers.remove(observer);
    }

    @Override
    public Subscription subscribe(RunEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void publish(RunEvent event) {
        for (RunEventListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a run event listener failed: " + e);
            }
        }
    }

    private void tick() {
        try {
            ClusterRun run = current;
            if (run != null && !run.completion().isDone()) {
                run.tick();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the cluster ticker failed: " + e);
        }
    }

    CommandSigner signer() {
        return signer;
    }

    /** Downs this node from inside, as the split-brain resolver would (for tests). */
    void downSelf() {
        Cluster.get(system).manager().tell(org.apache.pekko.cluster.typed.Down.apply(
                Cluster.get(system).selfMember().address()));
    }

    /** The run now going on or last run, for tests. */
    ClusterRun currentRun() {
        return current;
    }

    // --- called by the coordinator actor, on its thread ---

    void workersListed(Set<ActorRef<ToWorker>> listed) {
        Map<String, ActorRef<ToWorker>> now = new LinkedHashMap<>();
        for (ActorRef<ToWorker> ref : listed) {
            now.put(CoordinatorActor.id(ref), ref);
        }
        workers.keySet().retainAll(now.keySet());
        workers.putAll(now);
    }

    void memberGone(String node, String reason) {
        unreachable.add(node);
        ClusterRun run = current;
        if (run != null) {
            run.lost(node, reason);
        }
        Preparation p = preparing;
        if (p != null) {
            p.refuse(node, "it is " + reason);
        }
    }

    void memberBack(String node) {
        unreachable.remove(node);
    }

    void ready(ToCoordinator.SegmentReady m) {
        Preparation p = preparing;
        if (p != null && p.runId.equals(m.runId())) {
            p.accept(m.worker());
        }
    }

    void refused(ToCoordinator.Refused m) {
        LOG.log(Level.WARNING, "worker " + m.worker() + " refused the '" + m.kind() + "' command of run " + m.runId() + ": "
                + m.reason());
        Preparation p = preparing;
        if (p != null && p.runId.equals(m.runId())) {
            p.refuse(m.worker(), m.reason());
        }
        ClusterRun run = current;
        if (run != null && run.runId().equals(m.runId()) && SignedCommand.START.equals(m.kind())) {
            // a segment that was accepted and then could not start: that worker's part of the run failed
            run.ended(m.worker(), "failed", "it refused to start its segment: " + m.reason(), 0, 0, 0);
            run.requestStop();
            stopWorkers(run.runId(), run.workers(), "worker " + m.worker() + " could not start its segment");
        }
    }

    void segmentStarted(ToCoordinator.SegmentStarted m) {
        ClusterRun run = current;
        if (run != null && run.runId().equals(m.runId())) {
            run.started(m.worker(), m.plannedSeconds());
        }
    }

    void sample(ToCoordinator.Sample m) {
        ClusterRun run = current;
        if (run != null && run.runId().equals(m.runId()) && m.sample().runId().equals(m.runId())
                && m.worker().equals(m.sample().source())) {
            run.sample(m.sample());
            sampleObservers.forEach(o -> o.accept(m.sample()));
        }
    }

    void workerLog(ToCoordinator.WorkerLog m) {
        ClusterRun run = current;
        if (run != null && run.runId().equals(m.runId())) {
            run.workerLog(m.worker(), m.level(), m.message());
        }
    }

    void segmentEnded(ToCoordinator.SegmentEnded m) {
        ClusterRun run = current;
        if (run != null && run.runId().equals(m.runId())) {
            run.ended(m.worker(), m.state(), m.failureReason(), m.lastSecond(), m.abandoned(), m.requests());
        }
    }

    /**
     * This node is out of the cluster ({@code how}: downed, as the split-brain resolver downs the side it takes for
     * unreachable, removed, or its actor system shut down), and not by {@link #close}: the active run fails at once,
     * saying so, instead of waiting out its deadline for workers it can no longer hear (who, having lost their
     * coordinator, stop their segments), and no run starts here any more. Called on the node's threads; only the
     * first call counts.
     */
    synchronized void nodeStopped(String how) {
        if (closing || stoppedNode != null) {
            return;
        }
        String why = "this coordinator's cluster node " + self + " stopped: it " + how;
        stoppedNode = why + "; start a new coordinator";
        LOG.log(Level.ERROR, why);
        ClusterRun run = current;
        if (run != null) {
            run.coordinatorStopped(why);
        }
        Preparation p = preparing;
        if (p != null) {
            synchronized (p) {
                List.copyOf(p.waiting).forEach(w -> p.refuse(w, why));
            }
        }
    }

    /** Stops an active run (bounded by {@code timeout}), then leaves the cluster. */
    public void close(Duration timeout) {
        closing = true;
        ClusterRun run = current;
        if (stop()) {
            try {
                run.completion().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.log(Level.WARNING, "run " + run.runId() + " did not end within " + timeout + " of the stop");
            }
        }
        ticker.shutdownNow();
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(Level.WARNING, "the coordinator node did not stop within 15 s");
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(60));
    }
}
