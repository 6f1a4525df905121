package io.maid.goose.testkit;

import io.maid.goose.domain.MetricField;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunPhase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics vocabulary, and the builder tests use to make snapshots by name. */
class MetricFieldTest {
    /** The names the {@code Metrics} stream envelope has always had, in its order: binding. */
    private static final List<String> ENVELOPE = List.of("timestamp", "cpu_usage", "ram_usage", "throughput_rps",
            "error_rate", "status_codes", "latency_p50_ms", "latency_p90_ms", "latency_p95_ms", "latency_p99_ms",
            "latency_p999_ms", "network_in_kbps", "network_out_kbps", "phase");
    private static final List<String> EXTRAS = List.of("run_id", "active_users", "requests", "failures",
            "latency_p99_corrected_ms", "errors", "elapsed_seconds", "interval_seconds", "latency_max_ms",
            "checks_failed", "skipped", "dropped_iterations",
            "iterations_started");

    private static MetricsSnapshot sample() {
        return MetricsSnapshots.builder().runId("r").timestamp(Instant.parse("2024-06-15T12:00:01.123456789Z"))
                .elapsedSeconds(61).intervalSeconds(1).phase(RunPhase.MAINTAIN).activeUsers(200).cpuUsage(52.2)
                .ramUsage(43.1).throughputRps(410.5).errorRate(0.5)
                .statusCodes(Map.of("500", 5L, "200", 950L, "1000", 1L, "99", 2L)).latencies(70.4, 180.2, 210.5, 340.4, 489.0)
                .latencyMaxMs(512.0).latencyP99CorrectedMs(351.0).networkInKbps(2300).networkOutKbps(3150)
                .requests(410).failures(2).errors(Map.of("unexpected_status", 1L, "connect_refused", 1L)).build();
    }

    @Test
    void theWireNamesAreTheEnvelopesThenTheExtrasInOrder() {
        List<String> expected = new ArrayList<>(ENVELOPE);
        expected.addAll(EXTRAS);
        assertEquals(expected, Arrays.stream(MetricField.values()).map(MetricField::wireName).toList());
        assertEquals(expected, List.copyOf(sample().wireValues().keySet()));
    }

    @Test
    void everyFieldSaysWhatItMeans() {
        for (MetricField f : MetricField.values()) {
            assertFalse(f.meaning().isBlank(), f.name());
        }
        assertEquals("ms", MetricField.LATENCY_MAX_MS.unit());
        assertEquals("kbit/s", MetricField.NETWORK_IN_KBPS.unit());
        assertEquals("%", MetricField.ERROR_RATE.unit());
    }

    @Test
    void theValuesAreReadyForTheWire() {
        Map<String, Object> wire = sample().wireValues();
        assertEquals("2024-06-15T12:00:01.123Z", wire.get("timestamp"), "RFC 3339, millisecond precision");
        assertEquals(52.2, wire.get("cpu_usage"));
        assertEquals("maintain", wire.get("phase"));
        assertEquals(200, wire.get("active_users"));
        assertEquals(410L, wire.get("requests"));
        assertEquals(512.0, wire.get("latency_max_ms"));
        assertEquals(List.of("99", "200", "500", "1000"), List.copyOf(((Map<?, ?>) wire.get("status_codes")).keySet()),
                "status codes in numeric order");
        assertEquals(List.of("connect_refused", "unexpected_status"), List.copyOf(((Map<?, ?>) wire.get("errors")).keySet()));
    }

    @Test
    void anUnknownHostFigureAndANonNumberAreNull() {
        Map<String, Object> wire = MetricsSnapshots.builder().throughputRps(Double.NaN).build().wireValues();
        assertNull(wire.get("cpu_usage"), "-1 means the probe could not read it");
        assertNull(wire.get("ram_usage"));
        assertNull(wire.get("throughput_rps"));
        assertEquals(true, wire.containsKey("cpu_usage"), "the field is still there");
    }

    @Test
    void wireValuesReadBackIntoTheSameSnapshotBelowTheMillisecond() {
        MetricsSnapshot m = sample();
        MetricsSnapshot read = MetricField.fromWireValues("other", m.wireValues());
        MetricsSnapshot atMillis = MetricsSnapshots.builder().runId("r").timestamp(Instant.parse("2024-06-15T12:00:01.123Z"))
                .elapsedSeconds(61).intervalSeconds(1).phase(RunPhase.MAINTAIN).activeUsers(200).cpuUsage(52.2)
                .ramUsage(43.1).throughputRps(410.5).errorRate(0.5)
                .statusCodes(Map.of("500", 5L, "200", 950L, "1000", 1L, "99", 2L)).latencies(70.4, 180.2, 210.5, 340.4, 489.0)
                .latencyMaxMs(512.0).latencyP99CorrectedMs(351.0).networkInKbps(2300).networkOutKbps(3150)
                .requests(410).failures(2).errors(Map.of("unexpected_status", 1L, "connect_refused", 1L)).build();
        assertEquals(atMillis, read);
    }

    @Test
    void readingBackUnknownFiguresAndNonNumbersRestoresThem() {
        MetricsSnapshot m = MetricsSnapshots.builder().cpuUsage(-1).ramUsage(-1).latencyP99Ms(Double.NaN).build();
        MetricsSnapshot read = MetricField.fromWireValues("run-1", MetricField.wireValues(m,
                EnumSet.complementOf(EnumSet.of(MetricField.RUN_ID))));
        assertEquals(m, read, "the run id comes from the caller, null figures read as unknown and NaN");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingItsField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetricField.fromWireValues("r", Map.of("latency_p99_ms", "fast")));
        assertTrue(e.getMessage().startsWith("latency_p99_ms must be"), e.getMessage());
    }

    @Test
    void aSelectionKeepsTheWireOrder() {
        Map<String, Object> wire = MetricField.wireValues(sample(), EnumSet.of(MetricField.LATENCY_MAX_MS,
                MetricField.TIMESTAMP, MetricField.REQUESTS));
        assertEquals(List.of("timestamp", "requests", "latency_max_ms"), List.copyOf(wire.keySet()));
    }

    @Test
    void theBuilderFillsWhatATestDoesNotName() {
        MetricsSnapshot m = MetricsSnapshots.builder().elapsedSeconds(3).build();
        assertEquals(ManualClock.DEFAULT_START.plusSeconds(3), m.timestamp());
        assertEquals(RunPhase.MAINTAIN, m.phase());
        assertEquals(-1, m.cpuUsage());
        assertEquals(Map.of(), m.statusCodes());
        assertEquals(0, m.requests());
    }
}
