package io.maid.goose.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the two Prometheus text formats, for tests that scrape {@code /metrics}: OpenMetrics 1.0
 * ({@code application/openmetrics-text}) and the Prometheus text format 0.0.4 ({@code text/plain}). It refuses,
 * with the line number, whatever a conforming scraper would refuse or a sloppy writer might produce: a sample
 * before its family's {@code # TYPE} or of a family already closed, a sample name the family's type does not
 * allow, a bad or duplicate label, a value that is not a number, a negative counter, a histogram whose buckets
 * are not cumulative, lack {@code le="+Inf"} or disagree with {@code _count}, a duplicate series; for
 * OpenMetrics also a missing or misplaced {@code # EOF} and a counter without {@code _total}.
 */
public final class MetricsText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(Inf|inf|NaN|nan|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "gaugehistogram", "stateset",
            "info", "summary", "unknown", "untyped");

    /** One metric family: its name as in {@code # TYPE}, its type, help and samples in order. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String name) {
            return labels.get(name);
        }
    }

    private final Map<String, Family> families;

    private MetricsText(Map<String, Family> families) {
        this.families = Collections.unmodifiableMap(families);
    }

    /** Parses OpenMetrics text 1.0. @throws IllegalArgumentException naming the line at the first violation */
    public static MetricsText parseOpenMetrics(String text) {
        return new Parser(text, true).parse();
    }

    /** Parses the Prometheus text format 0.0.4. @throws IllegalArgumentException at the first violation */
    public static MetricsText parsePrometheusText(String text) {
        return new Parser(text, false).parse();
    }

    /** Families by name. */
    public Map<String, Family> families() {
        return families;
    }

    /** Every sample of every family. */
    public List<Sample> samples() {
        List<Sample> all = new ArrayList<>();
        families.values().forEach(f -> all.addAll(f.samples()));
        return all;
    }

    /** Every sample name (e.g. {@code goose_requests_total}, {@code goose_request_duration_seconds_bucket}). */
    public Set<String> sampleNames() {
        Set<String> names = new HashSet<>();
        samples().forEach(s -> names.add(s.name()));
        return names;
    }

    /** The sum of the values of the samples named {@code name} whose labels pass {@code labels}. */
    public double sum(String name, Predicate<Map<String, String>> labels) {
        return samples().stream().filter(s -> s.name().equals(name) && labels.test(s.labels()))
                .mapToDouble(Sample::value).sum();
    }

    /** The samples named {@code name}. */
    public List<Sample> samples(String name) {
        return samples().stream().filter(s -> s.name().equals(name)).toList();
    }

    private static final class Parser {
        private final String[] lines;
        private final boolean openMetrics;
        private final Map<String, Family> families = new LinkedHashMap<>();
        private final Set<String> seriesSeen = new HashSet<>();
        private final Map<String, String> helps = new LinkedHashMap<>();
        private String current;
        private int lineNo;

        Parser(String text, boolean openMetrics) {
            if (!text.isEmpty() && !text.endsWith("\n")) {
                throw new IllegalArgumentException("the exposition does not end with a line feed");
            }
            this.lines = text.isEmpty() ? new String[0] : text.substring(0, text.length() - 1).split("\n", -1);
            this.openMetrics = openMetrics;
        }

        MetricsText parse() {
            boolean eof = false;
            for (lineNo = 1; lineNo <= lines.length; lineNo++) {
                String line = lines[lineNo - 1];
                if (eof) {
                    fail("text after # EOF");
                }
                if (openMetrics && line.equals("# EOF")) {
                    eof = true;
                } else if (line.startsWith("# ")) {
                    metadata(line.substring(2));
                } else if (line.startsWith("#")) {
                    if (openMetrics) {
                        fail("a comment that is neither HELP, TYPE, UNIT nor EOF");
                    }
                } else if (line.isEmpty()) {
                    if (openMetrics) {
                        fail("an empty line");
                    }
                } else {
                    sample(line);
                }
            }
            if (openMetrics && !eof) {
                throw new IllegalArgumentException("the exposition does not end with # EOF");
            }
            families.values().forEach(this::checkHistogram);
            return new MetricsText(families);
        }

        private void metadata(String rest) {
            String[] parts = rest.split(" ", 3);
            if (parts.length < 2 || !NAME.matcher(parts[1]).matches()) {
                if (openMetrics) {
                    fail("malformed metadata line");
                }
                return;
            }
            String keyword = parts[0];
            String name = parts[1];
            String value = parts.length == 3 ? parts[2] : "";
            switch (keyword) {
                case "TYPE" -> {
                    if (!TYPES.contains(value) || (openMetrics && value.equals("untyped"))) {
                        fail("unknown type '" + value + "'");
                    }
                    if (families.containsKey(name)) {
                        fail("family " + name + " declared twice");
                    }
                    current = name;
                    families.put(name, new Family(name, value, helps.getOrDefault(name, ""), new ArrayList<>()));
                }
                case "HELP" -> {
                    if (families.containsKey(name) && !name.equals(current)) {
                        fail("HELP of the closed family " + name);
                    }
                    helps.put(name, value);
                }
                case "UNIT" -> {
                    if (!openMetrics) {
                        fail("UNIT is OpenMetrics only");
                    }
                    if (!value.isEmpty() && !name.endsWith("_" + value)) {
                        fail("family " + name + " has unit " + value + " but its name does not end with it");
                    }
                }
                default -> {
                    if (openMetrics) {
                        fail("unknown metadata " + keyword);
                    }
                }
            }
        }

        private void sample(String line) {
            Matcher m = NAME.matcher(line);
            if (!m.lookingAt()) {
                fail("a sample line must start with a metric name");
            }
            String name = m.group();
            int i = m.end();
            Map<String, String> labels = new LinkedHashMap<>();
            if (i < line.length() && line.charAt(i) == '{') {
                i = labels(line, i + 1, labels);
            }
            if (i >= line.length() || line.charAt(i) != ' ') {
                fail("a sample needs one space before its value");
            }
            String tail = line.substring(i + 1);
            int exemplar = openMetrics ? tail.indexOf(" # ") : -1;
            String[] rest = (exemplar < 0 ? tail : tail.substring(0, exemplar)).split(" ", -1);
            if (rest.length > 2) {
                fail("unexpected text after the value and timestamp");
            }
            if (rest.length == 2) {
                number(rest[1]);
            }
            double value = number(rest[0]);
            Family family = familyOf(name);
            String type = family.type();
            if (type.equals("counter") && (value < 0 || Double.isNaN(value))) {
                fail("counter " + name + " is " + rest[0]);
            }
            String series = name + labels;
            if (!seriesSeen.add(series)) {
                fail("duplicate series " + series);
            }
            family.samples().add(new Sample(name, Collections.unmodifiableMap(labels), value));
        }

        private Family familyOf(String sampleName) {
            Family f = current == null ? null : families.get(current);
            if (f == null) {
                fail("sample " + sampleName + " without a # TYPE before it");
            }
            String suffix = sampleName.startsWith(f.name()) ? sampleName.substring(f.name().length()) : null;
            Set<String> allowed = switch (f.type()) {
                case "counter" -> openMetrics ? Set.of("_total", "_created") : Set.of("");
                case "histogram", "gaugehistogram" -> Set.of("_bucket", "_count", "_sum", "_created", "_gcount", "_gsum");
                case "summary" -> Set.of("", "_count", "_sum", "_created");
                case "info" -> openMetrics ? Set.of("_info") : Set.of("");
                default -> Set.of("");
            };
            if (suffix == null || !allowed.contains(suffix)) {
                fail("sample " + sampleName + " does not belong to the " + f.type() + " family " + f.name()
                        + " (an earlier family cannot be continued)");
            }
            return f;
        }

        private int labels(String line, int i, Map<String, String> into) {
            while (true) {
                if (i < line.length() && line.charAt(i) == '}') {
                    return i + 1;
                }
                Matcher m = LABEL_NAME.matcher(line).region(i, line.length());
                if (!m.lookingAt()) {
                    fail("a label name is expected at column " + (i + 1));
                }
                String label = m.group();
                i = m.end();
                if (!line.startsWith("=\"", i)) {
                    fail("label " + label + " needs =\"value\"");
                }
                i += 2;
                StringBuilder value = new StringBuilder();
                while (true) {
                    if (i >= line.length()) {
                        fail("unterminated value of label " + label);
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char e = i < line.length() ? line.charAt(i++) : 0;
                        switch (e) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> fail("bad escape in label " + label);
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (into.put(label, value.toString()) != null) {
                    fail("label " + label + " given twice");
                }
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                } else if (i >= line.length() || line.charAt(i) != '}') {
                    fail("a comma or } is expected after label " + label);
                }
            }
        }

        private double number(String text) {
            if (!NUMBER.matcher(text).matches()) {
                fail("'" + text + "' is not a number");
            }
            String t = text.replace("inf", "Inf").replace("nan", "NaN");
            return t.endsWith("Inf") ? (t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : Double.parseDouble(t);
        }

        /** Each series' buckets rise with {@code le}, end at +Inf and match its {@code _count}. */
        private void checkHistogram(Family f) {
            if (!f.type().equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Sample>> bySeries = new LinkedHashMap<>();
            Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
            for (Sample s : f.samples()) {
                if (s.name().endsWith("_bucket")) {
                    Map<String, String> rest = new LinkedHashMap<>(s.labels());
                    if (rest.remove("le") == null) {
                        throw new IllegalArgumentException("bucket of " + f.name() + " without le: " + s.labels());
                    }
                    bySeries.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
                } else if (s.name().endsWith("_count")) {
                    counts.put(s.labels(), s.value());
                }
            }
            bySeries.forEach((labels, buckets) -> {
                double previousLe = Double.NEGATIVE_INFINITY;
                double previous = 0;
                for (Sample b : buckets) {
                    double le = number(b.label("le"));
                    if (le <= previousLe || b.value() < previous) {
                        throw new IllegalArgumentException(f.name() + labels + ": buckets are not cumulative in le order");
                    }
                    previousLe = le;
                    previous = b.value();
                }
                if (previousLe != Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException(f.name() + labels + ": no le=\"+Inf\" bucket");
                }
                Double count = counts.get(labels);
                if (count == null || count != previous) {
                    throw new IllegalArgumentException(f.name() + labels + ": _count " + count + " is not the +Inf bucket "
                            + previous);
                }
            });
        }

        private void fail(String why) {
            throw new IllegalArgumentException("line " + lineNo + ": " + why + (lineNo >= 1 && lineNo <= lines.length
                    ? ": " + lines[lineNo - 1] : ""));
        }
    }
}
