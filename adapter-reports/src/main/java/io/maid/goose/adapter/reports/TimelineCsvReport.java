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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code timeline.csv}: one row per second under the {@link MetricField} wire names, in their order, so
 * the file joins with recorded stream messages (the run id, the same on every row, is left out). Empty
 * cells for values that are not numbers (unknown host CPU/RAM); maps as {@code 200=10;500=1}; numbers
 * with three decimals.
 */
final class TimelineCsvReport implements ReportFile {
    static final String[] HEADER = JsonReport.TIMELINE_FIELDS.stream().map(MetricField::wireName).toArray(String[]::new);

    @Override
    public String fileName() {
        return "timeline.csv";
    }

    @Override
    public void render(RunSummary s, Analysis analysis, OutputStream out) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).get();
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), format)) {
            List<String> cells = new ArrayList<>(HEADER.length);
            for (MetricsSnapshot m : s.timeline()) {
                cells.clear();
                for (Object value : MetricField.wireValues(m, JsonReport.TIMELINE_FIELDS).values()) {
                    cells.add(cell(value));
                }
                csv.printRecord(cells);
            }
        }
    }

    private static String cell(Object value) {
        return switch (value) {
            case null -> "";
            case Double d -> Decimals.of(d);
            case Map<?, ?> counts -> {
                Map<String, Long> text = new LinkedHashMap<>();
                counts.forEach((k, v) -> text.put(String.valueOf(k), ((Number) v).longValue()));
                yield ReportMaps.joined(text);
            }
            default -> String.valueOf(value);
        };
    }
}
