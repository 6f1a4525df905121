package io.maid.goose.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the progress rows out of a command's real output and checks what every run's progress must be. */
final class ProgressRows {
    private static final Pattern ROW = Pattern.compile("(?m)^(?: *(\\d+)s(?:/\\d+s)?|final (\\d+\\.\\d+)s) .*$");
    private static final Pattern RPS = Pattern.compile(" rps +(\\d+\\.\\d)");

    private ProgressRows() {
    }

    static List<String> of(String out) {
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(out);
        while (m.find()) {
            rows.add(m.group());
        }
        return rows;
    }

    /**
     * At least {@code minimum} rows, one per second in increasing order (a {@code final} remnant only last),
     * each with the cpu column, none wider than {@code width}, and the last one not a row of zeros.
     */
    static void assertOnePerSecondInOrder(String out, int minimum, int width) {
        List<String> rows = of(out);
        assertTrue(rows.size() >= minimum, "at least " + minimum + " rows:\n" + out);
        long previous = -1;
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            Matcher m = ROW.matcher(row);
            assertTrue(m.matches(), row);
            if (m.group(1) != null) {
                long second = Long.parseLong(m.group(1));
                assertTrue(second > previous, "row " + second + "s comes after " + previous + "s, once:\n" + out);
                previous = second;
            } else {
                assertEquals(rows.size() - 1, i, "only the last row is the final remnant:\n" + out);
            }
            assertTrue(row.matches(".* cpu +(\\d+(\\.\\d)?%|\\?)$"), "the cpu column: " + row);
            assertTrue(row.length() <= width, row.length() + " > " + width + ": " + row);
        }
        Matcher rps = RPS.matcher(rows.getLast());
        assertTrue(rps.find() && Double.parseDouble(rps.group(1)) > 0, "the last row is not a row of zeros: " + rows.getLast());
    }

    /** The index of the first line of {@code out} that contains {@code text}. */
    static int lineOf(String out, String text) {
        List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + text + ":\n" + out);
    }
}
