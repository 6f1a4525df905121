package io.maid.goose.adapter.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.WorkerShare;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A distributed run's workers in report.json: each one's share, and which was lost from which second. */
class WorkerSharesReportTest {
    private static final List<WorkerShare> WORKERS = List.of(
            new WorkerShare("127.0.0.1:25521", 4, 1200, null, null),
            new WorkerShare("127.0.0.1:25522", 3, 310, 4L, "unreachable (the failure detector lost its heartbeat)"));
    @TempDir
    Path dir;

    private static RunSummary distributed() {
        RunSummary s = SampleRuns.summary(ReportFormat.JSON);
        return new RunSummary(s.runId(), s.state(), s.startedAt(), s.endedAt(), s.durationSeconds(), s.plannedSeconds(),
                s.config(), s.phases(), s.requests(), s.transactions(), s.scenarios(), s.total(), s.timeline(),
                s.abandonedRequests(), s.histograms(), s.schedulerSeed(), s.failureReason(), s.keyTimelines(), s.checks(),
                s.skipped(), s.thresholds(), s.droppedIterations(), WORKERS, s.tlsHandshakes());
    }

    private JsonNode written(RunSummary summary) throws IOException {
        Reports.under(dir).write(summary, null);
        return new ObjectMapper().readTree(dir.resolve(summary.runId()).resolve("report.json").toFile());
    }

    @Test
    void theReportListsTheWorkersAndTheLostOnesSecond() throws IOException {
        JsonNode workers = written(distributed()).path("workers");

        assertEquals(2, workers.size());
        assertEquals("127.0.0.1:25522", workers.get(1).path("worker").asText());
        assertEquals(3, workers.get(1).path("users").asInt());
        assertEquals(310, workers.get(1).path("requests").asLong());
        assertEquals(4, workers.get(1).path("lost_at_second").asLong());
        assertTrue(workers.get(0).path("lost_at_second").isNull());
    }

    @Test
    void theWorkersReadBackFromReportJson() {
        Reports.under(dir).write(distributed(), null);

        assertEquals(WORKERS, Reports.under(dir).readSummary(SampleRuns.RUN_ID).orElseThrow().workers());
    }

    @Test
    void aRunOnOneProcessHasNoWorkersInItsReport() throws IOException {
        assertFalse(written(SampleRuns.summary(ReportFormat.JSON)).has("workers"));
    }
}
