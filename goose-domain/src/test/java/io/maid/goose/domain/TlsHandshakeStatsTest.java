package io.maid.goose.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TlsHandshakeStatsTest {
    private static final LatencyStats SOME = new LatencyStats(1, 2, 3, 0.5, 2, 3, 3, 3, 3);

    @Test
    void aNegativeCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TlsHandshakeStats(-1, LatencyStats.EMPTY));
    }

    @Test
    void noHandshakesCannotHaveTimes() {
        assertThrows(IllegalArgumentException.class, () -> new TlsHandshakeStats(0, SOME));
    }

    private static RunSummary plain() {
        return new RunSummary("r", RunState.COMPLETED, null, null, 0, 0, null, List.of(), List.of(), List.of(),
                List.of(), null, List.of(), 0, null, null, null);
    }

    @Test
    void aSummaryMadeWithoutHandshakesHasNone() {
        assertEquals(TlsHandshakeStats.NONE, plain().tlsHandshakes());
    }

    @Test
    void theHandshakesSurviveTheOtherCopyMethods() {
        TlsHandshakeStats two = new TlsHandshakeStats(2, SOME);

        RunSummary s = plain().withTlsHandshakes(two).withThresholds(List.of()).withConfig(null);

        assertEquals(two, s.tlsHandshakes());
    }
}
