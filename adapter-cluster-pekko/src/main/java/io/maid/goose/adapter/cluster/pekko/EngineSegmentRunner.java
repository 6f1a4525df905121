package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.IntervalSampleEvent;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.ports.in.LoadTestEngine;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.in.SubscribeRunEventsUseCase;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link SegmentRunner} on this process's own engine, through its run use cases: the segment runs as a local run
 * under the distributed run's id, and its per-second {@link IntervalSample}s, log lines and end are passed on.
 */
public final class EngineSegmentRunner implements SegmentRunner {
    private final LoadTestEngine engine;

    public EngineSegmentRunner(LoadTestEngine engine) {
        this.engine = engine;
    }

    @Override
    public Segment start(String runId, RunConfig segment, StartRunCommand.Segment part, Listener listener) {
        AtomicReference<SubscribeRunEventsUseCase.Subscription> subscription = new AtomicReference<>();
        subscription.set(engine.subscribe(event -> forward(runId, event, listener, subscription)));
        try {
            engine.start(new StartRunCommand(segment, runId, part));
        } catch (RuntimeException e) {
            subscription.get().close();
            throw e;
        }
        long planned = engine.status().plannedSeconds();
        return new Segment() {
            @Override
            public void stop() {
                engine.stop();
            }

            @Override
            public long plannedSeconds() {
                return planned;
            }
        };
    }

    private static void forward(String runId, RunEvent event, Listener listener,
                                AtomicReference<SubscribeRunEventsUseCase.Subscription> subscription) {
        if (!runId.equals(event.runId())) {
            return;
        }
        Object e = event;
        if (e instanceof IntervalSampleEvent sampled) {
            listener.sample(sampled.sample());
        } else if (e instanceof LogEvent log) {
            listener.log(log);
        } else if (e instanceof RunEnded ended) {
            listener.ended(ended.summary());
            SubscribeRunEventsUseCase.Subscription s = subscription.get();
            if (s != null) {
                s.close();
            }
        }
    }
}
