package io.maid.goose.engine.shape;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClosedLoadShapeTest {
    @Test
    void usersLaunchEvenlySpacedAtTheHatchRate() {
        ClosedLoadShape shape = new ClosedLoadShape(4, 2, 0);
        assertArrayEquals(new long[] {500_000_000L, 1_000_000_000L, 1_500_000_000L, 2_000_000_000L},
                IntStream.range(0, 4).mapToLong(shape::launchOffsetNanos).toArray());
    }

    @Test
    void aFractionalHatchRateIsHonoured() {
        assertEquals(2_500_000_000L, new ClosedLoadShape(1, 0.4, 0).launchOffsetNanos(0));
    }

    @Test
    void everyUserIsToldToStopAtOnce() {
        ClosedLoadShape shape = new ClosedLoadShape(3, 1, 5);
        assertArrayEquals(new long[] {0, 0, 0}, IntStream.range(0, 3).mapToLong(shape::stopOffsetNanos).toArray());
    }

    @Test
    void nonsenseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ClosedLoadShape(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClosedLoadShape(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClosedLoadShape(1, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClosedLoadShape(1, 1, -1));
    }

    @Test
    void thePlannedLengthIsTheLastLaunchPlusMaintain() {
        assertEquals(12_250_000_000L, new ClosedLoadShape(3, 4.0 / 3, 10_000_000_000L).plannedNanos());
    }

    @Test
    void anAbsurdlySlowHatchRateSaturatesThePlanInsteadOfOverflowing() {
        ClosedLoadShape shape = new ClosedLoadShape(100_000, 1e-300, 86_400_000_000_000L);
        assertEquals(Long.MAX_VALUE, shape.launchOffsetNanos(0));
        assertEquals(Long.MAX_VALUE, shape.plannedNanos());
    }

    @Test
    void theSlowestHatchRateTheConfigAllowsGivesAFinitePlan() {
        // 100,000 users at 0.001 users/s: the last launches after 1e8 s.
        assertEquals(100_000_000_000_000_000L + 60_000_000_000L,
                new ClosedLoadShape(100_000, 0.001, 60_000_000_000L).plannedNanos());
    }

    @Test
    void saturatingAddStopsAtTheLargestLong() {
        assertEquals(Long.MAX_VALUE, LoadShape.saturatingAdd(Long.MAX_VALUE - 1, 2));
        assertEquals(5, LoadShape.saturatingAdd(2, 3));
    }
}
