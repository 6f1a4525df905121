package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.FeedStrategy;
import io.maid.goose.domain.flow.OnExhausted;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps a schema-valid {@code data[]} entry onto a {@link DataFeeder}: a CSV file as written (the caller
 * resolves and loads it), or inline rows whose keys are the columns, in the first row's order.
 */
final class FeederReader {
    private final Violations v;

    FeederReader(Violations violations) {
        this.v = violations;
    }

    DataFeeder feeder(JsonNode n, String at) {
        boolean csv = n.has("csv");
        if (csv == n.has("rows")) {
            v.add(at, csv ? "has both csv and rows; a feeder takes its rows from exactly one of them"
                    : "needs its rows: csv (a CSV file with a header row) or rows (inline)");
            return null;
        }
        FeedSource source = csv ? v.build(at, () -> new FeedSource.CsvFile(n.get("csv").textValue()))
                : rows(n.get("rows"), at);
        FeedStrategy strategy = n.has("strategy") ? v.build(at, () -> FeedStrategy.fromWire(n.get("strategy").textValue()))
                : FeedStrategy.CIRCULAR;
        OnExhausted onExhausted = n.has("on_exhausted")
                ? v.build(at, () -> OnExhausted.fromWire(n.get("on_exhausted").textValue())) : OnExhausted.STOP_USER;
        if (source == null || strategy == null || onExhausted == null) {
            return null;
        }
        return v.build(at, () -> new DataFeeder(n.path("name").textValue(), source, strategy, onExhausted));
    }

    /** Inline rows: every row has the first row's keys (in any order); values are used as text. */
    private FeedSource.Rows rows(JsonNode array, String feederAt) {
        String at = Pointers.child(feederAt, "rows");
        List<String> columns = new ArrayList<>();
        array.get(0).properties().forEach(e -> columns.add(e.getKey()));
        if (columns.contains("")) {
            v.add(Pointers.child(at, 0), "a column name must not be empty");
            return null;
        }
        Set<String> expected = Set.copyOf(columns);
        List<List<String>> rows = new ArrayList<>(array.size());
        boolean complete = true;
        for (int i = 0; i < array.size(); i++) {
            JsonNode row = array.get(i);
            Set<String> keys = new LinkedHashSet<>();
            row.properties().forEach(e -> keys.add(e.getKey()));
            if (!keys.equals(expected)) {
                v.add(Pointers.child(at, i), mismatch(keys, columns));
                complete = false;
                continue;
            }
            List<String> values = new ArrayList<>(columns.size());
            for (String column : columns) {
                values.add(text(row.get(column)));
            }
            rows.add(values);
        }
        return complete ? v.build(feederAt, () -> new FeedSource.Rows(columns, rows)) : null;
    }

    private static String mismatch(Set<String> keys, List<String> columns) {
        List<String> missing = columns.stream().filter(c -> !keys.contains(c)).toList();
        List<String> extra = keys.stream().filter(k -> !columns.contains(k)).toList();
        List<String> why = new ArrayList<>();
        if (!missing.isEmpty()) {
            why.add("lacks " + TransactionReader.joined(missing));
        }
        if (!extra.isEmpty()) {
            why.add("has " + TransactionReader.joined(extra) + ", which the first row has not");
        }
        return String.join(" and ", why) + "; every row needs the keys of the first row (" + String.join(", ", columns) + ")";
    }

    /** A string as it is; a number as written; a boolean as true or false. */
    private static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() && !value.isIntegralNumber()) {
            return value.decimalValue().toPlainString();
        }
        return value.asText();
    }
}
