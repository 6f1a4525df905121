package io.maid.goose.app.cli;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.testkit.StatsRows;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTableTest {
    private static final LatencyStats OK = new LatencyStats(5, 12, 40, 3, 11.5, 20, 25, 38, 40);
    private static final LatencyStats FAILED = new LatencyStats(0.3, 0.3, 0.4, 0, 0.31, 0.33, 0.35, 0.39, 0.4);

    private static RunSummary summary(long failures) {
        StatsRow row = StatsRows.builder(StatsKey.request(HttpMethod.GET, "shopper", "page")).count(100)
                .failures(failures).rps(10).latency(OK).failedLatency(failures == 0 ? LatencyStats.EMPTY : FAILED)
                .errors(failures == 0 ? Map.of() : Map.of(ErrorKind.CONNECT_REFUSED, failures)).build();
        StatsRow total = StatsRows.from(row).key(StatsKey.total()).build();
        RunConfig config = RunConfig.builder("http://127.0.0.1:9").get("page", "/").build();
        return new RunSummary("r", RunState.COMPLETED, Instant.EPOCH, Instant.EPOCH.plusSeconds(10), 10, 10, config,
                List.of(), List.of(row), List.of(), List.of(), total, List.of(), 0, new LatencyHistograms("", "", "", ""),
                null, null);
    }

    @Test
    void requestRowsAreKeyedByScenarioAndShowTheLatencyOfSuccessfulRequests() {
        String table = SummaryTable.render(summary(20));
        assertTrue(table.contains("GET shopper/page"), table);
        assertTrue(table.contains("11.50"), "the OK p50: " + table);
        assertTrue(table.contains("total, failed requests") && table.contains("0.31"), "the failed p50: " + table);
        assertTrue(table.contains("latency: successful requests"), table);
    }

    @Test
    void withoutFailuresThereIsNoFailedLatencyRow() {
        assertFalse(SummaryTable.render(summary(0)).contains("total, failed requests"));
    }
}
