package io.maid.goose.engine.metrics;

import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class LatencyRecordersTest {
    @Test
    void aSlotHasNoFailedRecorderUntilItsFirstFailure() {
        LatencyRecorders recorders = new LatencyRecorders(2);
        assertNull(recorders.failedIfAny(0));
        Recorder made = recorders.failed(0);
        assertNotNull(made);
        assertSame(made, recorders.failedIfAny(0));
        assertSame(made, recorders.failed(0));
        assertNull(recorders.failedIfAny(1), "the other slot is untouched");
    }

    @Test
    void threadsRacingForTheFirstFailureGetTheSameRecorder() throws Exception {
        LatencyRecorders recorders = new LatencyRecorders(1);
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Callable<Recorder>> calls = IntStream.range(0, 16).<Callable<Recorder>>mapToObj(i -> () -> recorders.failed(0)).toList();
            for (Future<Recorder> f : pool.invokeAll(calls)) {
                assertSame(recorders.failedIfAny(0), f.get());
            }
        }
    }
}
