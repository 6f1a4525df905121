package io.maid.goose.app.cli;

import io.maid.goose.domain.RunPhase;
import io.maid.goose.testkit.MetricsSnapshots;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressLineTest {
    /** A stall: p99 of the answered requests is 4.2 ms, the worst 954 ms, and the corrected p99 shows it. */
    private static final ProgressSample STALL = ProgressSample.of(MetricsSnapshots.builder().elapsedSeconds(12)
            .phase(RunPhase.MAINTAIN).activeUsers(20).throughputRps(311.04).requests(311).failures(5).errorRate(1.61)
            .latencyP50Ms(1.05).latencyP99Ms(4.2).latencyMaxMs(954.3).latencyP99CorrectedMs(948.1).cpuUsage(99.5).build());

    /** Figures far wider than usual: every column grows. */
    private static final ProgressSample HUGE = ProgressSample.of(MetricsSnapshots.builder().elapsedSeconds(3599)
            .phase(RunPhase.SHUTDOWN).activeUsers(250_000).throughputRps(1_234_567.8).requests(1_234_567)
            .failures(1_000_000).errorRate(81.0).latencyP50Ms(12_345).latencyP99Ms(654_321).latencyMaxMs(3_600_000)
            .latencyP99CorrectedMs(3_600_000).cpuUsage(100).build());

    @ParameterizedTest
    @ValueSource(ints = {80, 100, 160})
    void theLineFitsTheWidthAndKeepsTheKeyFigures(int width) {
        String line = ProgressLine.render("12s/60s", STALL, width);

        assertTrue(line.length() <= width, line.length() + " > " + width + ": " + line);
        for (String figure : new String[] {"12s/60s", "users  20", "rps 311.0", "fail   5", "p99  4.20", "max   954",
                "p99co   948", "cpu"}) {
            assertTrue(Pattern.compile(figure.replace(" ", " +").replace(".", "\\.")).matcher(line).find(),
                    figure + " in " + line);
        }
        assertTrue(line.matches(".*cpu +(99\\.5|100)%.*"), line);
    }

    @Test
    void aWideConsoleGetsThePhaseTheErrorRateAndP50() {
        String line = ProgressLine.render("12s/60s", STALL, 160);
        assertEquals("12s/60s  maintain  users   20  rps   311.0  fail    5  (1.6%)  p50  1.05 p99  4.20 max   954"
                + " p99co   948 ms  cpu  99.5%", line);
    }

    @Test
    void at100ColumnsOnlyP50Goes() {
        String line = ProgressLine.render("12s/60s", STALL, 100);
        assertEquals("12s/60s maintain users   20 rps  311.0 fail    5  (1.6%) p99  4.20 max   954 p99co   948 ms cpu 100%",
                line);
    }

    @Test
    void at80ColumnsThePhaseAndTheRateGoButEveryKeyFigureStays() {
        assertEquals("12s/60s users  20 rps 311.0 fail   5 p99  4.20 max   954 p99co   948 cpu 100%",
                ProgressLine.render("12s/60s", STALL, 80));
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 60, 80, 100, 160})
    void hugeFiguresNeverMakeTheLineWiderThanTheConsole(int width) {
        String line = ProgressLine.render("3599s/3600s", HUGE, width);
        assertTrue(line.length() <= width, line.length() + " > " + width + ": " + line);
        assertTrue(line.startsWith("3599s/3600s"), line);
    }

    @Test
    void anUnknownCpuIsAQuestionMarkNotZero() {
        ProgressSample s = ProgressSample.of(MetricsSnapshots.builder().cpuUsage(-1).build());
        assertTrue(ProgressLine.render("1s", s, 160).endsWith("cpu     ?"), ProgressLine.render("1s", s, 160));
        assertTrue(ProgressLine.render("1s", s, 80).endsWith("cpu   ?"), ProgressLine.render("1s", s, 80));
    }
}
