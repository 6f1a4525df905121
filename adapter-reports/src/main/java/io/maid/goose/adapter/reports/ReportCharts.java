package io.maid.goose.adapter.reports;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.KeyTimeline;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsRow;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * The HTML report's charts, built from a run's summary: throughput, latency over time, the latency
 * distribution, p95 per request key over time, active users and errors.
 *
 * <h2>Rates over short intervals</h2>
 * The engine divides every interval's counts by its exact length, but the last interval of a run is a
 * remnant (often a few hundred milliseconds of shutdown) whose rate, measured over so little time, would
 * be drawn as a sudden drop or spike. Rate charts therefore merge an interval shorter than
 * {@value #MIN_RATE_SECONDS} s into the one before it, and divide the merged counts by the merged length:
 * every request is still on the chart, and every point is a rate over at least half a second. Latency
 * charts leave such an interval out, since percentiles cannot be merged, and its few requests would be drawn
 * as a last-moment jump (they are in the distribution and the tables); they also leave a point out (a gap)
 * where an interval had no successful request, instead of drawing the engine's 0.
 */
final class ReportCharts {
    /** One legend entry: a line, a dashed line or a band. */
    record LegendItem(String label, String color, String kind) {
    }

    record Chart(String title, String caption, SafeString svg, List<LegendItem> legend, List<LegendItem> phases) {
    }

    static final double MIN_RATE_SECONDS = 0.5;
    /** At most this many request keys in the p95 chart: the slowest, by their p95 over the run. */
    static final int MAX_KEYS = 10;
    static final String BLUE = "#2563eb";
    static final String TEAL = "#0d9488";
    static final String AMBER = "#d97706";
    static final String RED = "#dc2626";
    static final String VIOLET = "#7c3aed";
    private static final String[] PALETTE = {BLUE, AMBER, TEAL, "#db2777", VIOLET, "#65a30d", "#b91c1c", "#0891b2",
            "#4b5563", "#ca8a04"};
    private static final String[] ERROR_PALETTE = {"#b91c1c", AMBER, VIOLET, TEAL, "#db2777", "#4b5563", BLUE, "#65a30d"};
    private static final Map<RunPhase, String> PHASE_COLORS = new EnumMap<>(Map.of(
            RunPhase.INCREASE, "#e3f4e8",
            RunPhase.MAINTAIN, "#e4edfb",
            RunPhase.DECREASE, "#fcf0d9",
            RunPhase.SHUTDOWN, "#eeeef1"));

    private ReportCharts() {
    }

    /** One rate chart point: an interval, or a short one merged into the one before. */
    record RatePoint(double elapsedSeconds, double seconds, long requests, long failures, Map<String, Long> errors) {
        double perSecond(long n) {
            return seconds > 0 ? n / seconds : 0;
        }
    }

    static List<Chart> of(RunSummary s) {
        List<MetricsSnapshot> timeline = s.timeline();
        int n = timeline.size();
        double[] xs = new double[n];
        double[] p50 = new double[n];
        double[] p95 = new double[n];
        double[] p99 = new double[n];
        double[] p99c = new double[n];
        double[] users = new double[n];
        boolean[] shown = latencyShown(timeline);
        for (int i = 0; i < n; i++) {
            MetricsSnapshot m = timeline.get(i);
            boolean anyOk = shown[i] && m.requests() - m.failures() > 0;
            xs[i] = m.elapsedSeconds();
            p50[i] = anyOk ? m.latencyP50Ms() : Double.NaN;
            p95[i] = anyOk ? m.latencyP95Ms() : Double.NaN;
            p99[i] = anyOk ? m.latencyP99Ms() : Double.NaN;
            p99c[i] = shown[i] && m.requests() > 0 ? m.latencyP99CorrectedMs() : Double.NaN;
            users[i] = m.activeUsers();
        }
        double span = Math.max(s.durationSeconds(), n == 0 ? 0 : xs[n - 1]);
        List<SvgChart.Band> bands = bands(s);
        List<LegendItem> bandLegend = new ArrayList<>();
        for (SvgChart.Band b : bands) {
            LegendItem item = new LegendItem(b.label(), b.color(), "band");
            if (!bandLegend.contains(item)) {
                bandLegend.add(item);
            }
        }
        List<RatePoint> rates = ratePoints(timeline);
        double[] rateXs = new double[rates.size()];
        double[] rps = new double[rates.size()];
        for (int i = 0; i < rates.size(); i++) {
            rateXs[i] = rates.get(i).elapsedSeconds();
            rps[i] = rates.get(i).perSecond(rates.get(i).requests());
        }

        List<Chart> charts = new ArrayList<>();
        charts.add(chart("Throughput", "Requests completed per second (a last interval under half a second is "
                        + "merged into the one before).", "requests / s", ChartAxis.time(span), rateXs,
                List.of(new SvgChart.Series("throughput", BLUE, rps, false)), bands, bandLegend));
        charts.add(chart("Latency", "Per-second percentiles of successful requests, from the actual send; dashed: "
                        + "p99 of all requests, CO-corrected. Gaps: seconds without a successful request; a last "
                        + "interval under half a second is left out.",
                "latency (ms)", ChartAxis.time(span), xs, List.of(
                        new SvgChart.Series("p50", TEAL, p50, false),
                        new SvgChart.Series("p95", AMBER, p95, false),
                        new SvgChart.Series("p99", RED, p99, false),
                        new SvgChart.Series("p99 corrected", VIOLET, p99c, true)), bands, bandLegend));
        charts.add(distribution(s));
        if (!s.keyTimelines().isEmpty()) {
            charts.add(keyP95(s, xs, shown, span, bands, bandLegend));
        }
        charts.add(chart("Active users", "Virtual users alive at the end of each second.", "users", ChartAxis.time(span),
                xs, List.of(new SvgChart.Series("active users", VIOLET, users, false)), bands, bandLegend));
        charts.add(errors(rates, rateXs, span, bands, bandLegend));
        return charts;
    }

    /** Which intervals the latency charts show: all but one shorter than {@value #MIN_RATE_SECONDS} s after another. */
    static boolean[] latencyShown(List<MetricsSnapshot> timeline) {
        boolean[] shown = new boolean[timeline.size()];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = i == 0 || timeline.get(i).intervalSeconds() >= MIN_RATE_SECONDS;
        }
        return shown;
    }

    /** The timeline's counts as rate points, short intervals merged into the one before them. */
    static List<RatePoint> ratePoints(List<MetricsSnapshot> timeline) {
        List<RatePoint> points = new ArrayList<>();
        for (MetricsSnapshot m : timeline) {
            double seconds = m.intervalSeconds() > 0 ? m.intervalSeconds() : 1;
            if (seconds < MIN_RATE_SECONDS && !points.isEmpty()) {
                RatePoint before = points.remove(points.size() - 1);
                Map<String, Long> errors = new LinkedHashMap<>(before.errors());
                m.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
                points.add(new RatePoint(m.elapsedSeconds(), before.seconds() + seconds, before.requests() + m.requests(),
                        before.failures() + m.failures(), errors));
            } else {
                points.add(new RatePoint(m.elapsedSeconds(), seconds, m.requests(), m.failures(), m.errors()));
            }
        }
        return points;
    }

    private static Chart errors(List<RatePoint> rates, double[] xs, double span, List<SvgChart.Band> bands,
                                List<LegendItem> bandLegend) {
        int n = rates.size();
        double[] failures = new double[n];
        Map<String, double[]> byKind = new LinkedHashMap<>();
        for (ErrorKind kind : ErrorKind.values()) {
            byKind.put(kind.wireName(), new double[n]);
        }
        for (int i = 0; i < n; i++) {
            RatePoint p = rates.get(i);
            failures[i] = p.perSecond(p.failures());
            for (Map.Entry<String, Long> e : p.errors().entrySet()) {
                byKind.computeIfAbsent(e.getKey(), k -> new double[n])[i] = p.perSecond(e.getValue());
            }
        }
        List<SvgChart.Series> series = new ArrayList<>();
        series.add(new SvgChart.Series("all failures", RED, failures, false));
        List<Map.Entry<String, double[]>> kinds = byKind.entrySet().stream().filter(e -> anyPositive(e.getValue())).toList();
        if (kinds.size() > 1) {
            int color = 1;
            for (Map.Entry<String, double[]> e : kinds) {
                series.add(new SvgChart.Series(e.getKey(), ERROR_PALETTE[color++ % ERROR_PALETTE.length], e.getValue(), true));
            }
        }
        return chart("Errors", "Failed requests per second" + (kinds.size() > 1 ? ", in total and by kind." : "."),
                "failures / s", ChartAxis.time(span), xs, series, bands, bandLegend);
    }

    /** HdrHistogram's percentile distribution of the run's successful requests, with the corrected one dashed. */
    private static Chart distribution(RunSummary s) {
        Histogram ok = decode(s.histograms() == null ? null : s.histograms().ok());
        Histogram corrected = decode(s.histograms() == null ? null : s.histograms().corrected());
        long count = ok == null ? 0 : ok.getTotalCount();
        int nines = count < 10 ? 1 : (int) Math.ceil(Math.log10(count));
        ChartAxis axis = ChartAxis.nines(nines);
        List<SvgChart.Series> series = new ArrayList<>();
        series.add(percentileSeries("successful requests", BLUE, false, percentiles(ok, axis.max())));
        series.add(percentileSeries("all, CO-corrected", VIOLET, true, percentiles(corrected, axis.max())));
        String caption = count == 0 ? "No successful request was measured."
                : "Latency at each percentile of the run's " + HumanFormat.count(count) + " successful requests "
                + "(HdrHistogram); dashed: all requests, CO-corrected. Each step right adds a nine.";
        return chart("Latency distribution", caption, "latency (ms)", axis, new double[0],
                count == 0 ? List.of() : series, List.of(), List.of());
    }

    private static SvgChart.Series percentileSeries(String label, String color, boolean dashed, List<double[]> points) {
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        return new SvgChart.Series(label, color, ys, dashed, xs);
    }

    /** (position on the nines axis, latency in ms), up to {@code maxNines}; the 100 % point at the right edge. */
    static List<double[]> percentiles(Histogram h, double maxNines) {
        List<double[]> points = new ArrayList<>();
        if (h == null || h.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue v : h.percentiles(5)) {
            double x = Math.min(maxNines, ChartAxis.ninesOf(v.getPercentileLevelIteratedTo()));
            points.add(new double[]{x, v.getValueIteratedTo() / 1000.0});
            if (x >= maxNines) {
                break;
            }
        }
        double[] last = points.get(points.size() - 1);
        if (last[0] < maxNines) {
            points.add(new double[]{maxNines, h.getMaxValue() / 1000.0});
        }
        return points;
    }

    /** The run's histogram in its stored form, or null when there is none (or it cannot be read). */
    static Histogram decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
        } catch (DataFormatException | RuntimeException e) {
            return null;
        }
    }

    private static Chart keyP95(RunSummary s, double[] xs, boolean[] shown, double span, List<SvgChart.Band> bands,
                                List<LegendItem> bandLegend) {
        Map<String, Double> runP95 = new LinkedHashMap<>();
        for (StatsRow r : s.requests()) {
            runP95.put(r.name(), r.latency().p95Ms());
        }
        List<KeyTimeline> keys = s.keyTimelines().stream()
                .sorted(Comparator.comparingDouble((KeyTimeline k) -> -runP95.getOrDefault(k.key().name(), 0.0)))
                .limit(MAX_KEYS).toList();
        List<KeyTimeline> inOrder = s.keyTimelines().stream().filter(keys::contains).toList();
        List<SvgChart.Series> series = new ArrayList<>();
        for (int i = 0; i < inOrder.size(); i++) {
            double[] values = new double[xs.length];
            KeyTimeline k = inOrder.get(i);
            for (int j = 0; j < values.length; j++) {
                values[j] = j < k.length() && shown[j] ? k.p95At(j) : Double.NaN;
            }
            series.add(new SvgChart.Series(k.key().name(), PALETTE[i % PALETTE.length], values, i >= PALETTE.length));
        }
        String which = s.keyTimelines().size() > MAX_KEYS
                ? " The " + MAX_KEYS + " slowest of " + s.keyTimelines().size() + " request keys, by their p95 over the run."
                : "";
        return chart("p95 latency per request", "Per-second p95 of each request key's successful requests; gaps: "
                + "seconds without one." + which, "p95 latency (ms)", ChartAxis.time(span), xs, series, bands, bandLegend);
    }

    private static boolean anyPositive(double[] values) {
        for (double v : values) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }

    private static Chart chart(String title, String caption, String yTitle, ChartAxis axis, double[] xs,
                               List<SvgChart.Series> series, List<SvgChart.Band> bands, List<LegendItem> bandLegend) {
        List<LegendItem> legend = new ArrayList<>();
        for (SvgChart.Series s : series) {
            legend.add(new LegendItem(s.label(), s.color(), s.dashed() ? "dashed" : "line"));
        }
        String svg = SvgChart.render(title, yTitle, axis, xs, series, bands);
        return new Chart(title, caption, new SafeString(svg), legend, bandLegend);
    }

    /** Phase bands from the phase timeline, in seconds since the run started; shutdown and idle are shaded too. */
    private static List<SvgChart.Band> bands(RunSummary s) {
        List<SvgChart.Band> bands = new ArrayList<>();
        Instant origin = s.startedAt();
        List<PhaseSpan> spans = s.phases();
        if (origin != null && !spans.isEmpty()) {
            for (PhaseSpan p : spans) {
                String color = PHASE_COLORS.get(p.phase());
                if (color == null || p.startedAt() == null) {
                    continue;
                }
                double from = seconds(origin, p.startedAt());
                double to = p.endedAt() == null ? Double.MAX_VALUE : seconds(origin, p.endedAt());
                bands.add(new SvgChart.Band(from, to, p.phase().wireName(), color));
            }
            return bands;
        }
        // Without a phase timeline the snapshots still say which phase each second belonged to.
        List<MetricsSnapshot> timeline = s.timeline();
        int i = 0;
        while (i < timeline.size()) {
            RunPhase phase = timeline.get(i).phase();
            int j = i;
            while (j + 1 < timeline.size() && timeline.get(j + 1).phase() == phase) {
                j++;
            }
            String color = phase == null ? null : PHASE_COLORS.get(phase);
            if (color != null) {
                double from = timeline.get(i).elapsedSeconds() - timeline.get(i).intervalSeconds();
                bands.add(new SvgChart.Band(Math.max(0, from), timeline.get(j).elapsedSeconds(), phase.wireName(), color));
            }
            i = j + 1;
        }
        return bands;
    }

    private static double seconds(Instant origin, Instant t) {
        return Duration.between(origin, t).toNanos() / 1e9;
    }
}
