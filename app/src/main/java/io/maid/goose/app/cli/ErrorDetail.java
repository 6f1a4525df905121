package io.maid.goose.app.cli;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsRow;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary's status codes and errors, as Goose's and Gatling's error tables give them: the run's status
 * codes and errors by kind, then, per request key, its status codes (when there are several keys) and, per
 * error kind, its count and up to {@value StatsRow#MAX_ERROR_SAMPLES} distinct sample messages
 * ({@link StatsRow#errorSamples()}), each on one line, made printable and cut with an ellipsis at the width.
 *
 * <pre>
 * status codes: 200: 1226, 500: 19
 *   GET browse/home      200: 576
 *   GET flaky-api/flaky  200: 366, 500: 19
 * errors: unexpected_status: 19
 *   GET flaky-api/flaky: unexpected_status, 19 of 385 requests (4.9%)
 *     - HTTP 500
 * </pre>
 */
final class ErrorDetail {
    private static final String SAMPLE = "    - ";

    private ErrorDetail() {
    }

    static void append(StringBuilder b, RunSummary s, int width) {
        Map<Integer, Long> codes = s.total().statusCodes();
        b.append(ConsoleFormat.wrapped("status codes: " + (codes.isEmpty() ? "none" : ConsoleFormat.counts(codes)), width, 2));
        List<StatsRow> keys = s.requests();
        if (keys.size() > 1) {
            int nameWidth = Math.min(keys.stream().mapToInt(r -> r.name().length()).max().orElse(0), width / 2);
            for (StatsRow r : keys) {
                String name = ConsoleFormat.ellipsis(r.name(), nameWidth);
                String prefix = "  " + name + " ".repeat(nameWidth - name.length()) + "  ";
                List<String> parts = r.statusCodes().isEmpty() ? List.of("none") : ConsoleFormat.countList(r.statusCodes());
                appendList(b, prefix, parts, width);
            }
        }
        Map<String, Long> errors = new TreeMap<>();
        s.total().errors().forEach((kind, n) -> errors.put(kind.wireName(), n));
        if (errors.isEmpty()) {
            return;
        }
        b.append(ConsoleFormat.wrapped("errors: " + ConsoleFormat.counts(errors), width, 2));
        for (StatsRow r : keys) {
            for (ErrorKind kind : ErrorKind.values()) {
                Long n = r.errors().get(kind);
                if (n == null || n == 0) {
                    continue;
                }
                b.append(ConsoleFormat.wrapped(String.format(Locale.ROOT, "  %s: %s, %d of %d requests (%.1f%%)", r.name(),
                        kind.wireName(), n, r.count(), r.count() == 0 ? 0.0 : 100.0 * n / r.count()), width, 4));
                for (String sample : r.errorSamples().getOrDefault(kind, List.of())) {
                    String text = ConsoleFormat.printable(sample);
                    b.append(SAMPLE).append(ConsoleFormat.ellipsis(text.isEmpty() ? "(no message)" : text,
                            Math.max(ConsoleFormat.ELLIPSIS.length() + 1, width - SAMPLE.length()))).append(System.lineSeparator());
                }
            }
        }
    }

    /** {@code parts} after {@code prefix}, separated by commas, on as many lines as the width needs. */
    private static void appendList(StringBuilder b, String prefix, List<String> parts, int width) {
        StringBuilder line = new StringBuilder(prefix);
        String hanging = " ".repeat(prefix.length());
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i) + (i < parts.size() - 1 ? "," : "");
            boolean first = line.length() == prefix.length();
            if (!first && line.length() + 1 + part.length() > width) {
                b.append(line).append(System.lineSeparator());
                line.setLength(0);
                line.append(hanging);
                first = true;
            }
            line.append(first ? "" : " ").append(part);
        }
        b.append(line).append(System.lineSeparator());
    }
}
