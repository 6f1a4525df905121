package io.maid.goose.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the CLI writes numbers and text for a console of a given width. */
final class ConsoleFormat {
    /** ASCII, so that a console in the C locale shows it too. */
    static final String ELLIPSIS = "...";
    private static final Pattern WORD = Pattern.compile("( *)([^ ]+)");

    private ConsoleFormat() {
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * A latency in ms to about three significant digits, HdrHistogram's precision: {@code 1.05}, {@code 54.8},
     * {@code 954}, {@code 12040}; {@code ?} for a value that is not a number.
     */
    static String ms(double v) {
        if (!Double.isFinite(v)) {
            return "?";
        }
        String format = v < 9.995 ? "%.2f" : v < 99.95 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, format, v);
    }

    /** The one reports line of {@code run} and {@code demo}: where the files are, and which were written. */
    static String reports(Path directory, List<String> files) {
        return files.isEmpty() ? "reports: none written to " + directory : "reports: " + directory + ": " + String.join(", ", files);
    }

    /** Counts by key as {@code 200: 4394, 500: 12}, in key order. */
    static String counts(Map<?, Long> counts) {
        return String.join(", ", countList(counts));
    }

    /** Counts by key as {@code ["200: 4394", "500: 12"]}, in key order. */
    static List<String> countList(Map<?, Long> counts) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(counts).forEach((k, v) -> parts.add(k + ": " + v));
        return parts;
    }

    /**
     * Text from outside (a target's error body, a log message) made safe for a terminal: every control
     * character, escape sequences included, becomes a space, and runs of white space become one.
     */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean blank = Character.isISOControl(c) || Character.isWhitespace(c);
            if (blank) {
                if (!space && !b.isEmpty()) {
                    b.append(' ');
                }
                space = true;
            } else {
                b.append(c);
                space = false;
            }
        }
        int end = b.length();
        return end > 0 && b.charAt(end - 1) == ' ' ? b.substring(0, end - 1) : b.toString();
    }

    /** {@code text} cut to {@code width} characters, ending in {@link #ELLIPSIS} when it was longer. */
    static String ellipsis(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        return width <= ELLIPSIS.length() ? text.substring(0, Math.max(0, width))
                : text.substring(0, width - ELLIPSIS.length()) + ELLIPSIS;
    }

    /**
     * {@code text} broken at spaces into lines of at most {@code width} characters, every line after the
     * first indented by {@code indent} spaces; the spacing within a line is kept. A word longer than a line
     * (a path, a URL) is kept whole on a line of its own rather than cut, so that it can still be copied.
     */
    static List<String> wrap(String text, int width, int indent) {
        List<String> lines = new ArrayList<>();
        String pad = " ".repeat(indent);
        StringBuilder line = new StringBuilder();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            String space = word.group(1);
            String w = word.group(2);
            if (!line.isEmpty() && line.length() + space.length() + w.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(pad).append(w);
            } else {
                line.append(space).append(w);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** {@link #wrap} as text, each line ending in a line separator. */
    static String wrapped(String text, int width, int indent) {
        StringBuilder b = new StringBuilder();
        for (String line : wrap(text, width, indent)) {
            b.append(line).append(System.lineSeparator());
        }
        return b.toString();
    }
}
