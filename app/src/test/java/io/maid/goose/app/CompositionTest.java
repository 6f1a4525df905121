package io.maid.goose.app;

import io.maid.goose.adapter.driver.httpclient5.HttpClient5Transport;
import io.maid.goose.adapter.driver.lean.LeanLoopTransport;
import io.maid.goose.adapter.driver.lean.LeanTransport;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.ports.in.IntervalSampleMath;
import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.ports.out.LoadTransport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The settings' transport names map to the transports they promise. */
class CompositionTest {
    @Test
    void leanIsTheEventLoopTransportWithTheConfiguredLoops() {
        try (LoadTransport transport = Composition.transport(new Settings.Engine("lean", 3))) {
            EventLoopTransport loops = assertInstanceOf(LeanLoopTransport.class, transport);
            assertEquals(3, loops.eventLoops().size());
        }
    }

    @Test
    void leanWithoutALoopCountUsesHalfTheCores() {
        try (LoadTransport transport = Composition.transport(new Settings.Engine("lean", null))) {
            assertEquals(Settings.Engine.defaultEventLoops(), ((EventLoopTransport) transport).eventLoops().size());
        }
    }

    @Test
    void leanThreadsAndHttpclient5AreTheThreadPerUserTransports() {
        try (LoadTransport threads = Composition.transport(new Settings.Engine("lean-threads", null));
             LoadTransport client = Composition.transport(new Settings.Engine("httpclient5", null))) {
            assertInstanceOf(LeanTransport.class, threads);
            assertInstanceOf(HttpClient5Transport.class, client);
        }
    }

    @Test
    void theIntervalSampleMathMergesSamplesOfTheSameSecond() {
        IntervalSampleMath math = Composition.intervalSampleMath();
        IntervalSample a = new IntervalSample("run-1", "a", 2, Instant.EPOCH, 2, 1, RunPhase.MAINTAIN, 4, 10, 5, List.of(),
                List.of(), List.of(), 1, EncodedHistogram.EMPTY);
        IntervalSample b = new IntervalSample("run-1", "b", 2, Instant.EPOCH, 2, 1, RunPhase.MAINTAIN, 6, 30, 5, List.of(),
                List.of(), List.of(), 2, EncodedHistogram.EMPTY);
        IntervalSample merged = math.merge("all", List.of(a, b));
        assertEquals(10, merged.activeUsers());
        assertEquals(3, merged.droppedIterations());
        assertEquals(30, math.snapshot(merged).cpuUsage());
    }

    @Test
    void anUnknownTransportIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Composition.transport(new Settings.Engine("curl", null)));
    }
}
