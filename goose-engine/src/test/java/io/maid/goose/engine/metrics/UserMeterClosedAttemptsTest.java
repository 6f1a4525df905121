package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.RequestOutcome;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An attempt the transport re-sent after a kept-alive connection closed under it is a request of its own. */
class UserMeterClosedAttemptsTest {
    private static final RequestSpec GET = RequestSpec.of(HttpMethod.GET, "/");

    private final LatencyRecorders recorders = LatencyRecorders.singleWriter(1);
    private final UserCounters counters = new UserCounters(0, 1);
    private final UserMeter meter = new UserMeter(recorders.stripe(0), counters, 0, 0);

    @Test
    void aClosedAttemptCountsAsOneMoreFailedRequestOfKindConnectionClosed() {
        meter.record(0, GET, RequestOutcome.response(200, 80, 40).withClosedAttempts(1), 2_000_000);

        assertEquals(2, counters.get(0, UserCounters.REQUESTS), "the closed attempt and the re-send");
        assertEquals(1, counters.get(0, UserCounters.FAILURES));
        assertEquals(1, counters.get(0, UserCounters.ERRORS + ErrorKind.CONNECTION_CLOSED.ordinal()));
    }

    @Test
    void aClosedAttemptRecordsNoLatencyOfItsOwn() {
        meter.record(0, GET, RequestOutcome.response(200, 80, 40).withClosedAttempts(1), 2_000_000);

        Histogram[] ok = {LatencyRecorders.newHistogram()};
        recorders.drainInto(ok, new Histogram[1], new Histogram[] {LatencyRecorders.newHistogram()},
                LatencyRecorders.newHistogram());
        assertEquals(1, ok[0].getTotalCount());
    }

    @Test
    void aReSendThatFailsTooCountsBothFailures() {
        meter.record(0, GET, RequestOutcome.failure(ErrorKind.CONNECTION_RESET, 80, 0, "closed").withClosedAttempts(1), 1_000);

        assertEquals(2, counters.get(0, UserCounters.REQUESTS));
        assertEquals(2, counters.get(0, UserCounters.FAILURES));
        assertEquals(1, counters.get(0, UserCounters.ERRORS + ErrorKind.CONNECTION_CLOSED.ordinal()));
        assertEquals(1, counters.get(0, UserCounters.ERRORS + ErrorKind.CONNECTION_RESET.ordinal()));
    }
}
