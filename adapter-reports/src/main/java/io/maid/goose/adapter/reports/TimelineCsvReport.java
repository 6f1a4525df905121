package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.MetricField;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunSummary;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code timeline.csv}: one row per second under the {@link MetricField} wire names, in their order, so
 * the file joins with recorded stream messages (the run id, the same on every row, is left out). The two
 * count maps get a column per key instead of one cell: {@code status_codes} becomes {@code status_<code>}
 * for every status any second saw (in numeric order), and {@code errors} becomes {@code errors_<kind>} for
 * every error kind any second saw (by name), each 0 where a second had none. Empty cells for values that are
 * not numbers (unknown host CPU/RAM); numbers with three decimals.
 */
final class TimelineCsvReport implements ReportFile {
    @Override
    public String fileName() {
        return "timeline.csv";
    }

    @Override
    public void render(RunSummary s, Analysis analysis, OutputStream out) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>(s.timeline().size());
        for (MetricsSnapshot m : s.timeline()) {
            rows.add(MetricField.wireValues(m, JsonReport.TIMELINE_FIELDS));
        }
        Set<String> codes = new TreeSet<>(MetricField.statusOrder());
        Set<String> kinds = new TreeSet<>();
        for (Map<String, Object> row : rows) {
            codes.addAll(counts(row, MetricField.STATUS_CODES).keySet());
            kinds.addAll(counts(row, MetricField.ERRORS).keySet());
        }
        List<String> header = new ArrayList<>();
        for (MetricField f : JsonReport.TIMELINE_FIELDS) {
            if (f == MetricField.STATUS_CODES) {
                codes.forEach(c -> header.add(StatsCsvReport.STATUS_PREFIX + c));
            } else if (f == MetricField.ERRORS) {
                kinds.forEach(k -> header.add(StatsCsvReport.ERRORS_PREFIX + k));
            } else {
                header.add(f.wireName());
            }
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get();
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), format)) {
            List<Object> cells = new ArrayList<>(header.size());
            for (Map<String, Object> row : rows) {
                cells.clear();
                for (MetricField f : JsonReport.TIMELINE_FIELDS) {
                    if (f == MetricField.STATUS_CODES) {
                        Map<String, Long> counts = counts(row, f);
                        codes.forEach(c -> cells.add(counts.getOrDefault(c, 0L)));
                    } else if (f == MetricField.ERRORS) {
                        Map<String, Long> counts = counts(row, f);
                        kinds.forEach(k -> cells.add(counts.getOrDefault(k, 0L)));
                    } else {
                        cells.add(cell(row.get(f.wireName())));
                    }
                }
                csv.printRecord(cells);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> counts(Map<String, Object> row, MetricField f) {
        return (Map<String, Long>) row.get(f.wireName());
    }

    private static String cell(Object value) {
        return switch (value) {
            case null -> "";
            case Double d -> Decimals.of(d);
            default -> String.valueOf(value);
        };
    }
}
