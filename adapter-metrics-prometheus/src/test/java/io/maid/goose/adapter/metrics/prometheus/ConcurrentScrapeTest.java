package io.maid.goose.adapter.metrics.prometheus;

import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.testkit.MetricsText;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static io.maid.goose.adapter.metrics.prometheus.Samples.key;
import static io.maid.goose.adapter.metrics.prometheus.Samples.micros;
import static io.maid.goose.adapter.metrics.prometheus.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scrapes while samples arrive: each scrape is one consistent snapshot, and counters never fall. */
class ConcurrentScrapeTest {
    private static final String RUN = "3c2b1a09-8f7e-4d6c-9b5a-0e1f2a3b4c5d";
    private static final int SAMPLES = 2_000;

    @Test
    void everyScrapeDuringTheSamplesParsesIsConsistentAndNeverFallsBehindTheLastOne() throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics(100, id -> Optional.empty(), false);
        EncodedHistogram oneMs = micros(1_000);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread feeder = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 1; i <= SAMPLES; i++) {
                    metrics.onSample(sample(RUN, i, 1, 1, List.of(key("s", "t" + (i % 7), Map.of(200, 1L), 0, Map.of(), oneMs))));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        double last = 0;
        int scrapes = 0;
        while (feeder.isAlive() || scrapes == 0) {
            MetricsText text = MetricsText.parseOpenMetrics(new String(metrics.scrape(PrometheusMetricsTest.PROMETHEUS_ACCEPT)
                    .body(), StandardCharsets.UTF_8));
            double requests = text.sum("goose_requests_total", l -> true);
            assertTrue(requests >= last, "the request counter fell from " + last + " to " + requests);
            assertEquals(requests, text.sum("goose_request_duration_seconds_count", l -> true),
                    "requests and their latencies come from the same moment");
            assertEquals(requests, text.sum("goose_dropped_iterations_total", l -> true),
                    "every sample counted once, whole");
            last = requests;
            scrapes++;
        }
        feeder.join();
        assertNull(failure.get());
        MetricsText end = MetricsText.parseOpenMetrics(new String(metrics.scrape(PrometheusMetricsTest.PROMETHEUS_ACCEPT)
                .body(), StandardCharsets.UTF_8));
        assertEquals(SAMPLES, end.sum("goose_requests_total", l -> true));
        assertEquals(SAMPLES, end.sum("goose_dropped_iterations_total", l -> true));
    }
}
