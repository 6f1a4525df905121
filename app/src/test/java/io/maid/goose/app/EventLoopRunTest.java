package io.maid.goose.app;

import io.maid.goose.adapter.driver.lean.LeanLoopTransport;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.testkit.RecordingEventSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real engine on the real event-loop transport with several loops, against a real target: nothing lost, nothing doubled. */
class EventLoopRunTest {
    @Test
    void usersSpreadOverThreeLoopsAreCountedExactlyAsTheTargetCountsThem() throws Exception {
        try (DemoTarget target = new DemoTarget(); LeanLoopTransport transport = new LeanLoopTransport(3)) {
            RecordingEventSink events = new RecordingEventSink();
            GooseEngine engine = GooseEngine.builder().transport(transport).eventSink(events).build();
            RunConfig config = RunConfig.builder(target.baseUrl())
                    .users(30).hatchRate(300).durationSeconds(1).thinkTimeSeconds(0.01)
                    .get("home", "/")
                    .build();

            RunSummary summary = engine.start(StartRunCommand.of(config)).await(Duration.ofSeconds(30)).orElseThrow();

            assertEquals(RunState.COMPLETED, summary.state());
            assertEquals(0, summary.total().failures());
            assertEquals(target.requestsReceived(), summary.total().count(), "the engine's count is the target's own");
            assertTrue(summary.total().count() > 300, "30 users thinking 10 ms for about 1 s: " + summary.total().count());
            assertEquals(summary.total().count(), events.metrics().stream().mapToLong(MetricsSnapshot::requests).sum(),
                    "the per-second snapshots add up to the total");
            assertEquals(0, summary.abandonedRequests());
        }
    }
}
