package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.RequestOutcome;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A request that opened a TLS connection records its handshake's time apart from its latency. */
class UserMeterHandshakesTest {
    private static final RequestSpec GET = RequestSpec.of(HttpMethod.GET, "/");

    private final LatencyRecorders recorders = LatencyRecorders.singleWriter(1);
    private final UserMeter meter = new UserMeter(recorders.stripe(0), new UserCounters(0, 1), 0, 0);
    private final Histogram ok = LatencyRecorders.newHistogram();
    private final Histogram handshakes = LatencyRecorders.newHistogram();

    private void drain() {
        recorders.drainInto(new Histogram[] {ok}, new Histogram[1], new Histogram[] {LatencyRecorders.newHistogram()},
                handshakes);
    }

    @Test
    void aHandshakeIsRecordedInMicrosecondsRoundedToTheNearest() {
        meter.record(0, GET, RequestOutcome.response(200, 80, 40).withTlsHandshake(1_234_567), 5_000_000);

        drain();

        assertEquals(1, handshakes.getTotalCount());
        assertEquals(handshakes.lowestEquivalentValue(1_235), handshakes.getMinValue());
        assertEquals(1, ok.getTotalCount(), "the request's latency, which includes the handshake, is recorded once");
    }

    @Test
    void aRequestOnAReusedConnectionRecordsNoHandshake() {
        meter.record(0, GET, RequestOutcome.response(200, 80, 40), 5_000_000);

        drain();

        assertEquals(0, handshakes.getTotalCount());
    }

    @Test
    void aFailedRequestStillRecordsTheHandshakeItMade() {
        meter.record(0, GET, RequestOutcome.failure(ErrorKind.RESPONSE_TIMEOUT, 80, 0, "timeout").withTlsHandshake(900_000),
                5_000_000);

        drain();

        assertEquals(1, handshakes.getTotalCount());
    }
}
