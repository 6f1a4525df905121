package io.maid.goose.engine;

import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.engine.metrics.EncodedHistograms;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.ManualClock;
import io.maid.goose.testkit.RecordingEventSink;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ThreadedLoopTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.maid.goose.engine.MeasuredRun.backToBack;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Users on several event loops record into their loops' own stripes; the metrics thread loses none of it. */
class StripedRecordingTest {
    @Test
    void aRunOnTwoLoopsCountsAndTimesEveryRequestOfBoth() {
        ManualClock clock = new ManualClock();
        RecordingEventSink events = new RecordingEventSink();
        int requests = 4000;
        ScriptedTransport scripted = new ScriptedTransport(clock, call -> call.callNumber() >= requests
                ? ScriptedTransport.hang() : ScriptedTransport.respond(200, Duration.ofMillis(1 + call.callNumber() % 4)));
        try (ThreadedLoopTransport loops = new ThreadedLoopTransport(scripted, clock, 2)) {
            GooseEngine engine = GooseEngine.builder().transport(loops).clock(clock).eventSink(events).build();
            RunHandle run = engine.start(StartRunCommand.of(backToBack(4).get("root", "/").build()));
            clock.advance(Duration.ofMillis(10));
            Await.until(() -> scripted.hanging() == 4, "every user to reach its last call");
            engine.stop();
            Await.until(() -> engine.status().phase() == RunPhase.SHUTDOWN, "shutdown");
            scripted.releaseHanging();
            Await.until(() -> run.completion().isDone(), Duration.ofSeconds(10), "the run to end");
            RunSummary summary = run.completion().join();

            assertEquals(requests + 4, scripted.sent().size());
            assertEquals(scripted.sent().size(), summary.total().count());
            long timed = EncodedHistograms.decode(EncodedHistogram.ofBase64(summary.histograms().ok())).getTotalCount();
            assertEquals(summary.total().count(), timed, "one latency per request, from both loops' stripes");
            assertEquals(summary.total().count(), events.samples().stream().flatMap(s -> s.keys().stream())
                    .mapToLong(k -> EncodedHistograms.decode(k.ok()).getTotalCount()).sum());
        }
    }
}
