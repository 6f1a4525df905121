package io.maid.goose.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

final class ConsoleFormat {
    private ConsoleFormat() {
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The one reports line of {@code run} and {@code demo}: where the files are, and which were written. */
    static String reports(Path directory, List<String> files) {
        return files.isEmpty() ? "reports: none written to " + directory : "reports: " + directory + ": " + String.join(", ", files);
    }

    /** Counts by key as {@code 200: 4394, 500: 12}, in key order. */
    static String counts(Map<?, Long> counts) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(counts).forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(": ").append(v));
        return b.toString();
    }
}
