package io.maid.goose.adapter.metrics.prometheus;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.ports.out.MetricsExposition.Scrape;
import io.maid.goose.testkit.MetricsSnapshots;
import io.maid.goose.testkit.MetricsText;
import io.maid.goose.testkit.MetricsText.Sample;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.maid.goose.adapter.metrics.prometheus.Samples.key;
import static io.maid.goose.adapter.metrics.prometheus.Samples.micros;
import static io.maid.goose.adapter.metrics.prometheus.Samples.ok;
import static io.maid.goose.adapter.metrics.prometheus.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusMetricsTest {
    /** What Prometheus 3 sends when it scrapes. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,"
            + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1";
    private static final String RUN = "0b5e8c61-7d3a-4c55-9a7e-3f1f0d2c9a11";

    private final PrometheusMetrics metrics = new PrometheusMetrics(100, id -> Optional.of("http://127.0.0.1:8080"), false);

    private MetricsText scrape() {
        Scrape s = metrics.scrape(PROMETHEUS_ACCEPT);
        return MetricsText.parseOpenMetrics(new String(s.body(), StandardCharsets.UTF_8));
    }

    private static double value(MetricsText text, String name, String... labels) {
        return text.sum(name, l -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(l.get(labels[i]))) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void openMetricsIsServedWhenTheAcceptHeaderAcceptsIt() {
        Scrape s = metrics.scrape(PROMETHEUS_ACCEPT);
        assertTrue(s.contentType().startsWith("application/openmetrics-text; version=1.0.0"), s.contentType());
        MetricsText.parseOpenMetrics(new String(s.body(), StandardCharsets.UTF_8));
    }

    @Test
    void theTextFormat004IsServedOtherwise() {
        for (String accept : new String[] {null, "", "text/plain", "*/*", "application/json", "nonsense;;;q=x"}) {
            Scrape s = metrics.scrape(accept);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", s.contentType(), "Accept: " + accept);
            MetricsText text = MetricsText.parsePrometheusText(new String(s.body(), StandardCharsets.UTF_8));
            assertEquals(1, value(text, "goose_run_phase", "phase", "idle"));
        }
    }

    @Test
    void beforeAnyRunThePhaseIsIdleWithNoUsersAndNoRunSeries() {
        MetricsText text = scrape();
        assertEquals(1, value(text, "goose_run_phase", "phase", "idle"));
        assertEquals(0, value(text, "goose_run_phase", "phase", "maintain"));
        assertEquals(0, value(text, "goose_active_users"));
        assertTrue(text.samples("goose_requests_total").isEmpty());
        assertTrue(text.samples("goose_run_info").isEmpty());
    }

    @Test
    void samplesCountRequestsPerScenarioTransactionAndStatus() {
        metrics.onSample(sample(RUN, 1, 5, 0, List.of(
                key("shop", "home", Map.of(200, 7L, 500, 2L), 1, Map.of(ErrorKind.UNEXPECTED_STATUS, 2L,
                        ErrorKind.CONNECT_REFUSED, 1L), micros(1000)),
                ok("shop", "cart", 3))));
        metrics.onSample(sample(RUN, 2, 5, 0, List.of(ok("shop", "home", 4))));

        MetricsText text = scrape();
        assertEquals(11, value(text, "goose_requests_total", "run_id", RUN, "scenario", "shop", "transaction", "home", "status", "200"));
        assertEquals(2, value(text, "goose_requests_total", "transaction", "home", "status", "500"));
        assertEquals(1, value(text, "goose_requests_total", "transaction", "home", "status", "none"));
        assertEquals(3, value(text, "goose_requests_total", "transaction", "cart", "status", "200"));
        assertEquals(17, value(text, "goose_requests_total"));
    }

    @Test
    void latencyBucketsHoldTheSuccessfulRequestsOfEachTransaction() {
        metrics.onSample(sample(RUN, 1, 1, 0, List.of(key("shop", "home", Map.of(200, 6L), 0, Map.of(),
                micros(300, 300, 500, 2_000, 40_000, 70_000_000)))));
        metrics.onSample(sample(RUN, 2, 1, 0, List.of(key("shop", "home", Map.of(200, 1L), 0, Map.of(), micros(501)))));

        MetricsText text = scrape();
        String bucket = "goose_request_duration_seconds_bucket";
        assertEquals(3, value(text, bucket, "transaction", "home", "le", "5.0E-4"));
        assertEquals(4, value(text, bucket, "transaction", "home", "le", "0.001"));
        assertEquals(5, value(text, bucket, "transaction", "home", "le", "0.0025"));
        assertEquals(6, value(text, bucket, "transaction", "home", "le", "0.05"));
        assertEquals(6, value(text, bucket, "transaction", "home", "le", "60.0"));
        assertEquals(7, value(text, bucket, "transaction", "home", "le", "+Inf"));
        assertEquals(7, value(text, "goose_request_duration_seconds_count", "transaction", "home"));
        double sum = value(text, "goose_request_duration_seconds_sum", "transaction", "home");
        assertEquals(70.043601, sum, 70.043601 * 0.001, "the sum within HdrHistogram's resolution");
    }

    @Test
    void failuresByKindActiveUsersAndPhaseFollowTheSecondlyEvents() {
        metrics.listener().onEvent(new PhaseChange(RUN, RunPhase.IDLE, RunPhase.INCREASE, Instant.now()));
        metrics.listener().onEvent(snapshot(1, RunPhase.INCREASE, 4, Map.of("connect_refused", 2L)));
        metrics.listener().onEvent(snapshot(2, RunPhase.MAINTAIN, 10, Map.of("connect_refused", 1L, "unexpected_status", 5L)));
        metrics.listener().onEvent(new StatusEvent(RUN, RunPhase.MAINTAIN, 10, 2, 60));

        MetricsText text = scrape();
        assertEquals(3, value(text, "goose_request_failures_total", "run_id", RUN, "kind", "connect_refused"));
        assertEquals(5, value(text, "goose_request_failures_total", "kind", "unexpected_status"));
        assertEquals(10, value(text, "goose_active_users"));
        assertEquals(1, value(text, "goose_run_phase", "phase", "maintain"));
        assertEquals(1, value(text, "goose_run_phase"), "exactly one phase is 1");
    }

    @Test
    void runInfoNamesTheRunAndItsTargetWhileItGoesOn() {
        metrics.listener().onEvent(snapshot(1, RunPhase.INCREASE, 1, Map.of()));
        Sample info = scrape().samples("goose_run_info").getFirst();
        assertEquals(RUN, info.label("run_id"));
        assertEquals("http://127.0.0.1:8080", info.label("target"));
        assertEquals(1, info.value());
    }

    @Test
    void aTargetThatCannotBeReadLeavesItEmptyAndTheScrapeWorks() {
        PrometheusMetrics failing = new PrometheusMetrics(100, id -> {
            throw new IllegalStateException("database is locked");
        }, false);
        failing.listener().onEvent(snapshot(1, RunPhase.INCREASE, 1, Map.of()));
        MetricsText text = MetricsText.parseOpenMetrics(new String(failing.scrape(PROMETHEUS_ACCEPT).body(),
                StandardCharsets.UTF_8));
        assertEquals("", text.samples("goose_run_info").getFirst().label("target"));
        assertEquals(1, value(text, "goose_active_users"));
    }

    @Test
    void droppedIterationsAddUpFromTheSamples() {
        metrics.onSample(sample(RUN, 1, 3, 4, List.of()));
        metrics.onSample(sample(RUN, 2, 3, 6, List.of()));
        assertEquals(10, value(scrape(), "goose_dropped_iterations_total", "run_id", RUN));
    }

    @Test
    void theEndOfARunSettlesEveryCounterAtTheSummarysTotalsWhenNoSampleCame() {
        RunSummary summary = SampleRuns.summary();
        summary.timeline().forEach(metrics.listener()::onEvent);
        metrics.listener().onEvent(new RunEnded(summary));

        MetricsText text = scrape();
        assertEquals(summary.total().count(), value(text, "goose_requests_total", "run_id", summary.runId()));
        for (StatsRow row : summary.requests()) {
            assertEquals(row.count(), value(text, "goose_requests_total", "scenario", row.key().scenario(),
                    "transaction", row.key().transaction()), row.name());
            row.statusCodes().forEach((status, n) -> assertEquals((double) n, value(text, "goose_requests_total",
                    "transaction", row.key().transaction(), "status", String.valueOf(status)), row.name() + " " + status));
        }
        summary.total().errors().forEach((kind, n) -> assertEquals((double) n, value(text, "goose_request_failures_total",
                "kind", kind.wireName()), kind.wireName()));
        assertEquals(1, value(text, "goose_run_phase", "phase", "completed"));
        assertEquals(0, value(text, "goose_active_users"));
        assertEquals(SampleRuns.TARGET, text.samples("goose_run_info").getFirst().label("target"));
    }

    @Test
    void theEndOfARunAddsOnlyWhatTheSamplesHadNotCounted() {
        RunSummary summary = SampleRuns.summary();
        StatsRow first = summary.requests().getFirst();
        long counted = first.statusCodes().get(200) - 1;
        metrics.onSample(sample(summary.runId(), 1, 1, 0, List.of(key(first.key().scenario(), first.key().transaction(),
                Map.of(200, counted), 0, Map.of(), micros()))));
        metrics.listener().onEvent(new RunEnded(summary));

        MetricsText text = scrape();
        assertEquals((double) first.statusCodes().get(200), value(text, "goose_requests_total",
                "transaction", first.key().transaction(), "status", "200"));
        assertEquals(summary.total().count(), value(text, "goose_requests_total"));
    }

    @Test
    void aNewRunReplacesTheLastRunsSeriesAndLateEventsOfTheOldRunAreIgnored() {
        String next = "5c3c2a4e-91d2-4a57-8d0e-0a6c1e2b7f00";
        metrics.onSample(sample(RUN, 1, 2, 0, List.of(ok("shop", "home", 5))));
        metrics.onSample(sample(next, 1, 2, 0, List.of(ok("shop", "home", 2))));
        metrics.onSample(sample(RUN, 2, 2, 0, List.of(ok("shop", "home", 50))));
        metrics.listener().onEvent(snapshot(3, RunPhase.MAINTAIN, 99, Map.of("connect_refused", 1L)));

        MetricsText text = scrape();
        assertEquals(0, value(text, "goose_requests_total", "run_id", RUN));
        assertEquals(2, value(text, "goose_requests_total", "run_id", next));
        assertEquals(2, value(text, "goose_active_users"));
        assertEquals(next, text.samples("goose_run_info").getFirst().label("run_id"));
    }

    @Test
    void namesFromTheConfigAreEscapedAndReadBackExactly() {
        String scenario = "say \"hi\"\\n";
        String transaction = "<img src=x onerror=alert(1)>\nline two";
        metrics.onSample(sample(RUN, 1, 1, 0, List.of(ok(scenario, transaction, 1))));
        for (Scrape s : new Scrape[] {metrics.scrape(PROMETHEUS_ACCEPT), metrics.scrape(null)}) {
            String body = new String(s.body(), StandardCharsets.UTF_8);
            MetricsText text = s.contentType().contains("openmetrics") ? MetricsText.parseOpenMetrics(body)
                    : MetricsText.parsePrometheusText(body);
            assertEquals(1, value(text, "goose_requests_total", "scenario", scenario, "transaction", transaction));
        }
    }

    @Test
    void theServicesJvmAndProcessMetricsAreServed() {
        PrometheusMetrics withJvm = new PrometheusMetrics(100, id -> Optional.empty(), true);
        MetricsText text = MetricsText.parseOpenMetrics(new String(withJvm.scrape(PROMETHEUS_ACCEPT).body(),
                StandardCharsets.UTF_8));
        assertTrue(text.sampleNames().contains("jvm_memory_used_bytes"), text.sampleNames().toString());
        assertTrue(text.sampleNames().contains("jvm_threads_current"), text.sampleNames().toString());
        assertTrue(text.sampleNames().contains("process_cpu_seconds_total"), text.sampleNames().toString());
        assertFalse(scrape().sampleNames().contains("jvm_memory_used_bytes"), "only when asked for");
    }

    private static MetricsSnapshot snapshot(double elapsed, RunPhase phase, int users, Map<String, Long> errors) {
        long failures = errors.values().stream().mapToLong(Long::longValue).sum();
        return MetricsSnapshots.builder().runId(RUN).elapsedSeconds(elapsed).phase(phase).activeUsers(users)
                .requests(failures + 10).failures(failures).errors(errors).build();
    }
}
