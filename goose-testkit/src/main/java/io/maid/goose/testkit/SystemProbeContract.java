package io.maid.goose.testkit;

import io.maid.goose.ports.out.SystemProbe;
import io.maid.goose.ports.out.SystemSample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link SystemProbe} must show. Subclass it once per implementation and return a
 * fresh probe from {@link #newProbe()}; each test gets its own.
 *
 * <p>Checked: percentages are within 0..100 or exactly -1 (unknown); NIC byte counters are -1 or
 * non-negative and never decrease from one sample to the next; sampling back to back never throws.
 */
public abstract class SystemProbeContract {
    /** A fresh probe. */
    protected abstract SystemProbe newProbe();

    private SystemProbe probe;

    @BeforeEach
    void createProbe() {
        probe = newProbe();
    }

    @Test
    void percentagesAreWithinZeroToHundredOrUnknown() {
        for (int i = 0; i < 3; i++) {
            SystemSample sample = probe.sample();
            assertPercentOrUnknown("cpuPercent", sample.cpuPercent());
            assertPercentOrUnknown("ramPercent", sample.ramPercent());
        }
    }

    @Test
    void networkCountersAreUnknownOrNonNegative() {
        SystemSample sample = probe.sample();

        assertCounterOrUnknown("netBytesReceived", sample.netBytesReceived());
        assertCounterOrUnknown("netBytesSent", sample.netBytesSent());
    }

    @Test
    void networkCountersNeverDecrease() {
        List<SystemSample> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            samples.add(probe.sample());
        }

        for (int i = 1; i < samples.size(); i++) {
            SystemSample before = samples.get(i - 1);
            SystemSample after = samples.get(i);
            if (before.netBytesReceived() >= 0 && after.netBytesReceived() >= 0) {
                assertTrue(after.netBytesReceived() >= before.netBytesReceived(), "received went down: " + samples);
            }
            if (before.netBytesSent() >= 0 && after.netBytesSent() >= 0) {
                assertTrue(after.netBytesSent() >= before.netBytesSent(), "sent went down: " + samples);
            }
        }
    }

    @Test
    void twoSamplesInARowNeverThrow() {
        SystemSample first = assertDoesNotThrow(probe::sample);
        SystemSample second = assertDoesNotThrow(probe::sample);

        assertNotNull(first);
        assertNotNull(second);
        assertPercentOrUnknown("cpuPercent", second.cpuPercent());
    }

    private static void assertPercentOrUnknown(String field, double value) {
        assertTrue(value == -1 || (value >= 0 && value <= 100), field + " must be within 0..100 or -1, was " + value);
    }

    private static void assertCounterOrUnknown(String field, long value) {
        assertTrue(value >= -1, field + " must be -1 or a byte count, was " + value);
    }
}
