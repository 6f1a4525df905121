package io.maid.goose.engine;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.TlsHandshakeStats;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.SampleTotals;
import io.maid.goose.engine.metrics.HdrIntervalSampleMath;
import io.maid.goose.engine.metrics.Latencies;
import io.maid.goose.engine.metrics.LatencyRecorders;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ScriptedTransport.Respond;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.maid.goose.engine.MeasuredRun.backToBack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TLS handshakes the transport timed: recorded per stripe apart from the latencies, carried in the interval
 * samples and reduced into the run summary's {@code tlsHandshakes}.
 */
class TlsHandshakesTest {
    private static final long REQUESTS = 3000;
    private static final Scenario HOME = new Scenario("browse", 1,
            List.of(Transaction.of("home", RequestSpec.of(HttpMethod.GET, "/"))));

    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    /** Every 4th call opens a TLS connection, with a handshake of 0.2 to 9 ms; every 13th of those answers a 503. */
    private MeasuredRun run() {
        return MeasuredRun.of(users(), backToBack(3).scenario(HOME).build(), REQUESTS, call -> {
            long n = call.callNumber();
            Respond answer = ScriptedTransport.respond(n % 13 == 0 ? 503 : 200, Duration.ofMillis(10), 100, 200);
            if (n % 4 == 0) {
                return answer.withTlsHandshake(Duration.ofNanos(200_000 + (n * 7_919_003) % 8_800_000));
            }
            if (n % 31 == 1) {
                return ScriptedTransport.fail(ErrorKind.CONNECTION_RESET, Duration.ofMillis(1));
            }
            return answer;
        });
    }

    /** What the transport reported, recorded as the engine records it: µs, rounded, clamped. */
    private static Histogram reference(MeasuredRun r) {
        Histogram h = LatencyRecorders.newHistogram();
        for (ScriptedTransport.Sent s : r.sent()) {
            if (s.step() instanceof Respond answer && answer.tlsHandshake() != null) {
                h.recordValue(LatencyRecorders.clampMicros((answer.tlsHandshake().toNanos() + 500) / 1000));
            }
        }
        return h;
    }

    @Test
    void theSummaryCountsEveryHandshakeAndItsPercentilesAreThoseOfTheHandshakesReported() {
        MeasuredRun r = run();
        Histogram expected = reference(r);

        TlsHandshakeStats handshakes = r.summary().tlsHandshakes();

        assertTrue(expected.getTotalCount() >= REQUESTS / 4, "the transport reported " + expected.getTotalCount());
        assertEquals(expected.getTotalCount(), handshakes.count());
        assertEquals(Latencies.of(expected), handshakes.latency());
    }

    @Test
    void handshakesAreNotLatencies() {
        MeasuredRun r = run();

        assertEquals(r.sent().size(), r.summary().total().count(), "one latency per request, none per handshake");
    }

    @Test
    void theAccumulatedSamplesCarryTheSameHandshakesAsTheSummary() {
        MeasuredRun r = run();
        HdrIntervalSampleMath math = new HdrIntervalSampleMath();
        IntervalSample total = null;
        for (IntervalSample s : r.h().events.samples()) {
            total = math.accumulate(total, s);
        }

        SampleTotals t = math.totals(total, r.summary().durationSeconds());

        assertEquals(r.summary().tlsHandshakes(), t.handshakes());
    }

    @Test
    void aRunWithoutHandshakesHasNone() {
        MeasuredRun r = MeasuredRun.of(users(), backToBack(2).scenario(HOME).build(), 200,
                call -> ScriptedTransport.respond(200, Duration.ofMillis(2)));

        assertEquals(TlsHandshakeStats.NONE, r.summary().tlsHandshakes());
    }
}
