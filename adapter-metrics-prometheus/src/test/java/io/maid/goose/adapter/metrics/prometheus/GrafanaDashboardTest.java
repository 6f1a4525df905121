package io.maid.goose.adapter.metrics.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.testkit.MetricsSnapshots;
import io.maid.goose.testkit.MetricsText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.maid.goose.adapter.metrics.prometheus.Samples.key;
import static io.maid.goose.adapter.metrics.prometheus.Samples.micros;
import static io.maid.goose.adapter.metrics.prometheus.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/grafana/goose-dashboard.json is a Grafana dashboard with the structure the dashboard schema requires,
 * whose queries use only metric names and labels that {@code /metrics} really serves.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "goose-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b(?:goose|jvm|process)_[a-zA-Z0-9_]+\\b");
    private static final Pattern SELECTOR = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern BY = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Set<String> PANEL_TYPES = Set.of("row", "stat", "timeseries", "table", "gauge", "bargauge",
            "state-timeline", "text");

    static JsonNode dashboard;
    static MetricsText served;

    @BeforeAll
    static void load() throws IOException {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        PrometheusMetrics metrics = new PrometheusMetrics(100, id -> Optional.of("http://127.0.0.1:8080"), true);
        String run = "9a0e1c2b-3d4f-4a5b-8c6d-7e8f9a0b1c2d";
        metrics.listener().onEvent(MetricsSnapshots.builder().runId(run).phase(RunPhase.MAINTAIN).activeUsers(3)
                .requests(5).failures(1).errors(Map.of(ErrorKind.CONNECT_REFUSED.wireName(), 1L)).build());
        metrics.onSample(sample(run, 1, 3, 2, List.of(key("shop", "home", Map.of(200, 4L), 1,
                Map.of(ErrorKind.CONNECT_REFUSED, 1L), micros(1_200, 2_500, 9_000, 40_000)))));
        metrics.listener().onEvent(new StatusEvent(run, RunPhase.MAINTAIN, 3, 1, 10));
        served = MetricsText.parseOpenMetrics(new String(metrics.scrape(PrometheusMetricsTest.PROMETHEUS_ACCEPT).body(),
                StandardCharsets.UTF_8));
    }

    @Test
    void itIsADashboardWithTheTopLevelFieldsGrafanaRequires() {
        assertTrue(dashboard.isObject());
        assertFalse(dashboard.path("title").asText().isBlank(), "title");
        String uid = dashboard.path("uid").asText();
        assertTrue(uid.matches("[A-Za-z0-9_-]{1,40}"), "uid: " + uid);
        assertTrue(dashboard.path("schemaVersion").isInt(), "schemaVersion");
        assertTrue(dashboard.path("panels").isArray() && !dashboard.path("panels").isEmpty(), "panels");
        assertTrue(dashboard.path("templating").path("list").isArray(), "templating.list");
        assertTrue(dashboard.path("time").path("from").isTextual() && dashboard.path("time").path("to").isTextual(), "time");
    }

    @Test
    void everyPanelHasAUniqueIdATypeATitleAPlaceOnTheGridAndQueries() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : dashboard.path("panels")) {
            String title = p.path("title").asText();
            assertFalse(title.isBlank(), "a panel without a title: " + p);
            assertTrue(p.path("id").isInt() && ids.add(p.path("id").asInt()), "unique id: " + title);
            assertTrue(PANEL_TYPES.contains(p.path("type").asText()), "type of " + title);
            JsonNode grid = p.path("gridPos");
            for (String f : List.of("h", "w", "x", "y")) {
                assertTrue(grid.path(f).isInt(), title + " gridPos." + f);
            }
            assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, title + " fits the 24 columns");
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            assertTrue(p.path("targets").isArray() && !p.path("targets").isEmpty(), title + " has queries");
            Set<String> refIds = new HashSet<>();
            for (JsonNode t : p.path("targets")) {
                assertTrue(refIds.add(t.path("refId").asText()), title + ": refIds are unique");
                assertFalse(t.path("expr").asText().isBlank(), title + ": a query has an expr");
                assertEquals("${datasource}", t.path("datasource").path("uid").asText(), title + ": the datasource variable");
            }
        }
    }

    @Test
    void theVariablesItUsesAreDefined() {
        Set<String> defined = new HashSet<>();
        dashboard.path("templating").path("list").forEach(v -> defined.add(v.path("name").asText()));
        assertTrue(defined.containsAll(Set.of("datasource", "run_id", "transaction")), defined.toString());
        Matcher m = Pattern.compile("\\$\\{?([a-zA-Z_][a-zA-Z0-9_]*)").matcher(dashboard.toString());
        while (m.find()) {
            String name = m.group(1);
            assertTrue(defined.contains(name) || name.startsWith("__"), "variable $" + name + " is defined");
        }
    }

    @Test
    void everyQueryUsesOnlyMetricsAndLabelsThatTheExpositionServes() {
        List<String> queries = queries();
        assertTrue(queries.size() > 10, "the queries were found: " + queries);
        for (String q : queries) {
            assertServed(q);
        }
    }

    @Test
    void theCheckRefusesAMetricOrALabelThatIsNotServed() {
        assertThrows(AssertionError.class, () -> assertServed("rate(goose_requests_count[1m])"));
        assertThrows(AssertionError.class, () -> assertServed("goose_requests_total{path=\"/\"}"));
        assertThrows(AssertionError.class, () -> assertServed("sum by (method) (goose_requests_total)"));
    }

    private static List<String> queries() {
        List<String> out = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> out.add(t.path("expr").asText())));
        dashboard.path("templating").path("list").forEach(v -> {
            if (v.path("query").has("query")) {
                out.add(v.path("query").path("query").asText());
            }
        });
        return out;
    }

    private static void assertServed(String query) {
        Set<String> names = served.sampleNames();
        Matcher metric = METRIC.matcher(query);
        Set<String> used = new HashSet<>();
        while (metric.find()) {
            assertTrue(names.contains(metric.group()), "'" + metric.group() + "' in " + query + " is served");
            used.add(metric.group());
        }
        Matcher selector = SELECTOR.matcher(query);
        while (selector.find()) {
            Matcher label = MATCHER.matcher(selector.group(2));
            while (label.find()) {
                assertTrue(hasLabel(selector.group(1), label.group(1)), selector.group(1) + " has label " + label.group(1));
            }
        }
        Matcher by = BY.matcher(query);
        while (by.find()) {
            for (String label : by.group(1).split(",")) {
                String l = label.trim();
                assertTrue(l.equals("le") && used.stream().anyMatch(n -> n.endsWith("_bucket"))
                        || used.stream().anyMatch(n -> hasLabel(n, l)), "a metric of " + query + " has label " + l);
            }
        }
    }

    private static boolean hasLabel(String metric, String label) {
        return served.samples(metric).stream().anyMatch(s -> s.labels().containsKey(label));
    }
}
