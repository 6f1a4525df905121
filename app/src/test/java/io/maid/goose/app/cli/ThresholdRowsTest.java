package io.maid.goose.app.cli;

import io.maid.goose.domain.RunSummary;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdRowsTest {
    private static final RunSummary JUDGED = SampleRuns.summary(SampleRuns.withThresholds(SampleRuns.config()));

    @Test
    void theSummaryEndsWithTheVerdictAndACheckOrCrossPerThreshold() {
        String out = SummaryTable.render(JUDGED, 120);

        assertTrue(out.contains("thresholds: 1 of 4 failed, verdict failed"), out);
        assertEquals(3, out.lines().filter(l -> l.startsWith("  " + ThresholdRows.PASSED + " ")).count(), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("  " + ThresholdRows.FAILED + " error_rate < 0.1: observed ")
                && l.endsWith(" %")), out);
        assertTrue(out.contains(ThresholdRows.PASSED + " throughput_rps > 0 [abort_on_fail]: observed "), out);
    }

    @Test
    void thresholdRowsFitTheWidth() {
        for (String line : SummaryTable.render(JUDGED, 60).lines().toList()) {
            assertTrue(line.length() <= 60, () -> line.length() + " columns: " + line);
        }
    }

    @Test
    void aRunWithoutThresholdsPrintsNone() {
        assertFalse(SummaryTable.render(SampleRuns.summary(), 120).contains("thresholds:"));
    }
}
