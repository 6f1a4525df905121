package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a loop session cuts off a response that takes longer than its timeout. */
class LeanLoopSessionTimeoutTest extends LeanLoopSessionFixture {
    @Test
    void aResponseThatStopsHalfwayIsCutOffByTheSweepAndTheNextRequestGetsAFreshConnection() throws Exception {
        CountingTarget target = target(CountingTarget.firstAnswerStallsHalfway(OK), Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofMillis(300));

        long start = System.nanoTime();
        RequestOutcome first = driver.send(user, GET);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        RequestOutcome second = driver.send(user, GET);

        assertEquals(ErrorKind.RESPONSE_TIMEOUT, first.error(), () -> "outcome " + first);
        assertTrue(first.bytesReceived() > 0, () -> "the partial response is counted: " + first);
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "gave up too early: " + took);
        assertTrue(took.compareTo(Duration.ofMillis(1500)) <= 0, "gave up too late: " + took);
        assertAnswered(second);
        assertEquals(2, target.clientPorts.size());
    }

    @Test
    void aSlowButSteadyResponseIsCutOffOnceTheWholeOfItTakesLongerThanTheTimeout() throws Exception {
        // Five pieces 150 ms apart: never 400 ms without bytes, but 600 ms in all, past the 400 ms timeout.
        CountingTarget target = target(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 4; i++) {
                out.flush();
                CountingTarget.pause(Duration.ofMillis(150));
                out.write('x');
            }
        }, Integer.MAX_VALUE);

        RequestOutcome outcome = driver.send(driver.open(target.base(), Duration.ofMillis(400)), GET);

        assertEquals(ErrorKind.RESPONSE_TIMEOUT, outcome.error(), () -> "outcome " + outcome);
        assertEquals("the response was not complete within 400 ms", outcome.detail());
    }
}
