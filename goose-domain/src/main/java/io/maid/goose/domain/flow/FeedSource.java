package io.maid.goose.domain.flow;

import io.maid.goose.domain.Checks;
import io.maid.goose.domain.ConfigException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Where a feeder's rows come from: a CSV file (loaded before the run starts) or rows given inline. */
public sealed interface FeedSource {
    /** At most this many rows per feeder. */
    int MAX_ROWS = 1_000_000;
    /** At most this many bytes per CSV file. */
    long MAX_FILE_BYTES = 256L * 1024 * 1024;

    /**
     * A CSV file with a header row, as written in the config; the caller resolves it (relative to the config
     * file for {@code goose run}, under {@code engine.data_dir} for the service) and loads it into {@link Rows}
     * before the run starts. The engine never sees a file.
     */
    record CsvFile(String path) implements FeedSource {
        public CsvFile {
            Checks.nonBlank("csv", path);
            if (path.indexOf('\0') >= 0) {
                throw new ConfigException("csv", "must not contain a NUL character");
            }
        }
    }

    /**
     * Rows in memory: every row has one value per column, in column order. Immutable.
     *
     * @param columns the column names, unique, in order
     * @param rows    the rows
     */
    record Rows(List<String> columns, List<List<String>> rows) implements FeedSource {
        public Rows {
            columns = Checks.copy("columns", columns);
            if (columns.isEmpty()) {
                throw new ConfigException("rows", "a feeder needs at least one column");
            }
            Set<String> seen = new HashSet<>();
            for (String c : columns) {
                Checks.nonBlank("columns", c);
                if (!seen.add(c)) {
                    throw new ConfigException("columns", "duplicate column '" + c + "'");
                }
            }
            if (rows == null || rows.isEmpty()) {
                throw new ConfigException("rows", "a feeder needs at least one row");
            }
            if (rows.size() > MAX_ROWS) {
                throw new ConfigException("rows", "holds " + rows.size() + " rows; at most " + MAX_ROWS + " are allowed");
            }
            List<List<String>> copy = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                List<String> row = rows.get(i);
                if (row == null || row.size() != columns.size()) {
                    throw new ConfigException("rows/" + i, "must hold one value for each of the " + columns.size()
                            + " columns " + columns);
                }
                copy.add(Checks.copy("rows/" + i, row));
            }
            rows = List.copyOf(copy);
        }

        /** The index of {@code column}, or -1. */
        public int columnIndex(String column) {
            return columns.indexOf(column);
        }
    }
}
