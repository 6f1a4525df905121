package io.maid.goose.adapter.metrics.prometheus;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.KeySample;
import io.maid.goose.testkit.MetricsText;
import io.maid.goose.testkit.SampleRuns;
import io.maid.goose.testkit.StatsRows;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.maid.goose.adapter.metrics.prometheus.Samples.key;
import static io.maid.goose.adapter.metrics.prometheus.Samples.micros;
import static io.maid.goose.adapter.metrics.prometheus.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run with 10,000 distinct transaction names costs the cap plus one label pairs, not 10,000. */
class CardinalityTest {
    private static final String RUN = "7f7f1c2e-3b4a-4d5e-8f90-a1b2c3d4e5f6";
    private static final int NAMES = 10_000;
    private static final int CAP = 50;

    private static MetricsText scrape(PrometheusMetrics metrics) {
        return MetricsText.parseOpenMetrics(new String(metrics.scrape(PrometheusMetricsTest.PROMETHEUS_ACCEPT).body(),
                StandardCharsets.UTF_8));
    }

    private static Set<List<String>> transactionLabelPairs(MetricsText text) {
        Set<List<String>> pairs = new HashSet<>();
        for (MetricsText.Sample s : text.samples()) {
            if (s.name().startsWith("goose_") && s.labels().containsKey("transaction")) {
                pairs.add(List.of(s.label("scenario"), s.label("transaction")));
            }
        }
        return pairs;
    }

    @Test
    void tenThousandTransactionNamesFromSamplesAreCappedFoldedAndCounted() {
        PrometheusMetrics metrics = new PrometheusMetrics(CAP, id -> Optional.empty(), false);
        List<KeySample> keys = new ArrayList<>();
        EncodedHistogram oneMs = micros(1_000);
        for (int i = 0; i < NAMES; i++) {
            keys.add(key("browse", "page-" + i, Map.of(200, 2L, 404, 1L), 0, Map.of(), oneMs));
        }
        metrics.onSample(sample(RUN, 1, 10, 0, keys));
        metrics.onSample(sample(RUN, 2, 10, 0, keys));

        MetricsText text = scrape(metrics);
        Set<List<String>> pairs = transactionLabelPairs(text);
        assertEquals(CAP + 1, pairs.size());
        assertTrue(pairs.contains(List.of("other", "other")));
        assertEquals(NAMES - CAP, text.sum("goose_folded_transactions", l -> true));
        assertEquals(2 * (CAP + 1), text.samples("goose_requests_total").size(), "two statuses per label pair");
        assertEquals(CAP + 1, text.samples("goose_request_duration_seconds_count").size());
        assertEquals(2.0 * 3 * NAMES, text.sum("goose_requests_total", l -> true), "nothing is lost by folding");
        assertEquals(2.0 * 3 * (NAMES - CAP), text.sum("goose_requests_total", l -> "other".equals(l.get("transaction"))));
        assertEquals(2.0 * NAMES, text.sum("goose_request_duration_seconds_count", l -> true));
    }

    @Test
    void tenThousandTransactionNamesSettledFromTheSummaryAreCappedToo() {
        PrometheusMetrics metrics = new PrometheusMetrics(CAP, id -> Optional.empty(), false);
        RunSummary sample = SampleRuns.summary();
        List<StatsRow> rows = new ArrayList<>();
        for (int i = 0; i < NAMES; i++) {
            rows.add(StatsRows.builder(StatsKey.request(HttpMethod.POST, "browse", "page-" + i)).count(3)
                    .statusCodes(Map.of(200, 3L)).build());
        }
        metrics.listener().onEvent(new RunEnded(new RunSummary(sample.runId(), sample.state(), sample.startedAt(),
                sample.endedAt(), sample.durationSeconds(), sample.plannedSeconds(), sample.config(), sample.phases(),
                rows, List.of(), List.of(), sample.total(), List.of(), 0, sample.histograms(), null, null)));

        MetricsText text = scrape(metrics);
        assertEquals(CAP + 1, transactionLabelPairs(text).size());
        assertEquals(NAMES - CAP, text.sum("goose_folded_transactions", l -> true));
        assertEquals(3.0 * NAMES, text.sum("goose_requests_total", l -> true));
    }
}
