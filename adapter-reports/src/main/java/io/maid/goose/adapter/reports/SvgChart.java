package io.maid.goose.adapter.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as an inline SVG string: grid, axis ticks and titles, background bands (the phases) and one
 * line per series, over a {@link ChartAxis} (elapsed time, or percentiles in nines). Every text it contains
 * is XML-escaped here, so the result can be inserted into the page unescaped.
 *
 * <p>A value that is not a number is a gap: the line stops before it and starts again after it, so a second
 * without a measurement is never drawn as a drop to zero. Long series are decimated to at most
 * {@link #MAX_POINTS} buckets, keeping each bucket's minimum and maximum so that spikes survive.
 */
final class SvgChart {
    /**
     * One line: its legend label, CSS colour and one value per x (NaN: no value there); {@code xs} are its own
     * x positions, or null for the chart's.
     */
    record Series(String label, String color, double[] values, boolean dashed, double[] xs) {
        Series(String label, String color, double[] values, boolean dashed) {
            this(label, color, values, dashed, null);
        }
    }

    /** A background band from {@code from} to {@code to} on the x axis. */
    record Band(double fromSeconds, double toSeconds, String label, String color) {
    }

    static final int MAX_POINTS = 1200;
    private static final double WIDTH = 600;
    private static final double HEIGHT = 240;
    private static final double LEFT = 54;
    private static final double RIGHT = 12;
    private static final double TOP = 12;
    private static final double BOTTOM = 40;
    private static final double PLOT_W = WIDTH - LEFT - RIGHT;
    private static final double PLOT_H = HEIGHT - TOP - BOTTOM;

    private SvgChart() {
    }

    /**
     * A chart over elapsed time.
     *
     * @param spanSeconds the run's length; the x axis covers at least this and at least the last sample
     */
    static String render(String title, String yAxisTitle, double spanSeconds, double[] xs, List<Series> series,
                         List<Band> bands) {
        double maxX = Double.isFinite(spanSeconds) ? spanSeconds : 0;
        for (double x : xs) {
            if (Double.isFinite(x)) {
                maxX = Math.max(maxX, x);
            }
        }
        return render(title, yAxisTitle, ChartAxis.time(maxX), xs, series, bands);
    }

    static String render(String title, String yAxisTitle, ChartAxis axis, double[] xs, List<Series> series,
                         List<Band> bands) {
        double maxX = axis.max();
        double dataMaxY = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    dataMaxY = Math.max(dataMaxY, v);
                }
            }
        }
        double yStep = dataMaxY <= 0 ? 0.25 : niceStep(dataMaxY / 5);
        double maxY = dataMaxY <= 0 ? 1 : Math.ceil(dataMaxY / yStep * (1 - 1e-9)) * yStep;
        if (maxY < dataMaxY) {
            maxY += yStep;
        }
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(fmt(WIDTH)).append(' ').append(fmt(HEIGHT))
                .append("\" role=\"img\" preserveAspectRatio=\"xMidYMid meet\">");
        svg.append("<title>").append(escape(title)).append("</title>");
        for (Band b : bands) {
            double from = clamp(b.fromSeconds(), 0, maxX);
            double to = clamp(b.toSeconds(), 0, maxX);
            if (to > from) {
                svg.append("<rect class=\"band\" x=\"").append(fmt(px(from, maxX))).append("\" y=\"").append(fmt(TOP))
                        .append("\" width=\"").append(fmt(px(to, maxX) - px(from, maxX))).append("\" height=\"")
                        .append(fmt(PLOT_H)).append("\" fill=\"").append(escape(b.color())).append("\"><title>")
                        .append(escape(b.label())).append("</title></rect>");
            }
        }
        yAxis(svg, maxY, yStep);
        xAxis(svg, axis);
        svg.append("<text class=\"axis-title\" transform=\"rotate(-90)\" x=\"").append(fmt(-(TOP + PLOT_H / 2)))
                .append("\" y=\"14\" text-anchor=\"middle\">").append(escape(yAxisTitle)).append("</text>");
        svg.append("<text class=\"axis-title\" x=\"").append(fmt(LEFT + PLOT_W / 2)).append("\" y=\"")
                .append(fmt(HEIGHT - 6)).append("\" text-anchor=\"middle\">").append(escape(axis.title())).append("</text>");
        if (series.stream().allMatch(s -> (s.xs() == null ? xs : s.xs()).length == 0)) {
            svg.append("<text class=\"empty\" x=\"").append(fmt(LEFT + PLOT_W / 2)).append("\" y=\"")
                    .append(fmt(TOP + PLOT_H / 2)).append("\" text-anchor=\"middle\">no samples</text>");
        }
        for (Series s : series) {
            line(svg, xs, s, maxX, maxY);
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static void yAxis(StringBuilder svg, double maxY, double step) {
        int ticks = (int) Math.round(maxY / step);
        for (int i = 0; i <= ticks; i++) {
            double v = i * step;
            double y = py(v, maxY);
            svg.append("<line class=\"grid\" x1=\"").append(fmt(LEFT)).append("\" x2=\"").append(fmt(LEFT + PLOT_W))
                    .append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>");
            svg.append("<text class=\"tick\" x=\"").append(fmt(LEFT - 6)).append("\" y=\"").append(fmt(y + 3.5))
                    .append("\" text-anchor=\"end\">").append(escape(valueLabel(v, step))).append("</text>");
        }
        svg.append("<line class=\"axis\" x1=\"").append(fmt(LEFT)).append("\" x2=\"").append(fmt(LEFT))
                .append("\" y1=\"").append(fmt(TOP)).append("\" y2=\"").append(fmt(TOP + PLOT_H)).append("\"/>");
    }

    private static void xAxis(StringBuilder svg, ChartAxis axis) {
        double base = TOP + PLOT_H;
        svg.append("<line class=\"axis\" x1=\"").append(fmt(LEFT)).append("\" x2=\"").append(fmt(LEFT + PLOT_W))
                .append("\" y1=\"").append(fmt(base)).append("\" y2=\"").append(fmt(base)).append("\"/>");
        for (ChartAxis.Tick t : axis.ticks()) {
            double x = px(t.at(), axis.max());
            svg.append("<line class=\"axis\" x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"")
                    .append(fmt(base)).append("\" y2=\"").append(fmt(base + 4)).append("\"/>");
            svg.append("<text class=\"tick\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(base + 16))
                    .append("\" text-anchor=\"middle\">").append(escape(t.label())).append("</text>");
        }
    }

    /** One polyline per run of values, so that gaps stay gaps; a lone value is a dot. */
    private static void line(StringBuilder svg, double[] chartXs, Series s, double maxX, double maxY) {
        double[] xs = s.xs() == null ? chartXs : s.xs();
        int n = Math.min(xs.length, s.values().length);
        List<double[]> points = decimate(xs, s.values(), n);
        List<double[]> run = new ArrayList<>();
        for (double[] p : points) {
            if (Double.isFinite(p[1]) && Double.isFinite(p[0])) {
                run.add(p);
            } else {
                segment(svg, run, s, maxX, maxY);
                run.clear();
            }
        }
        segment(svg, run, s, maxX, maxY);
    }

    private static void segment(StringBuilder svg, List<double[]> points, Series s, double maxX, double maxY) {
        if (points.isEmpty()) {
            return;
        }
        if (points.size() == 1) {
            // A single point draws no line; a dot shows that the value exists.
            svg.append("<circle r=\"2.5\" fill=\"").append(escape(s.color())).append("\" cx=\"")
                    .append(fmt(px(points.get(0)[0], maxX))).append("\" cy=\"").append(fmt(py(points.get(0)[1], maxY)))
                    .append("\"><title>").append(escape(s.label())).append("</title></circle>");
            return;
        }
        svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(escape(s.color()))
                .append("\" stroke-width=\"1.8\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
        if (s.dashed()) {
            svg.append(" stroke-dasharray=\"5 4\"");
        }
        svg.append(" points=\"");
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                svg.append(' ');
            }
            svg.append(fmt(px(points.get(i)[0], maxX))).append(',').append(fmt(py(points.get(i)[1], maxY)));
        }
        svg.append("\"><title>").append(escape(s.label())).append("</title></polyline>");
    }

    /**
     * Min-max decimation: per bucket the lowest and highest value, in x order. A bucket without any value
     * becomes one gap ({@code NaN}); a bucket with values and gaps keeps only its values.
     */
    static List<double[]> decimate(double[] xs, double[] ys, int n) {
        List<double[]> out = new ArrayList<>(Math.min(n, 2 * MAX_POINTS));
        if (n <= MAX_POINTS) {
            for (int i = 0; i < n; i++) {
                out.add(new double[]{xs[i], ys[i]});
            }
            return out;
        }
        double perBucket = (double) n / MAX_POINTS;
        for (int b = 0; b < MAX_POINTS; b++) {
            int from = (int) Math.floor(b * perBucket);
            int to = Math.min(n, (int) Math.floor((b + 1) * perBucket));
            int lo = -1;
            int hi = -1;
            for (int i = from; i < to; i++) {
                if (!Double.isFinite(ys[i])) {
                    continue;
                }
                if (lo < 0 || ys[i] < ys[lo]) {
                    lo = i;
                }
                if (hi < 0 || ys[i] > ys[hi]) {
                    hi = i;
                }
            }
            if (lo < 0) {
                out.add(new double[]{xs[from], Double.NaN});
                continue;
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            out.add(new double[]{xs[first], ys[first]});
            if (second != first) {
                out.add(new double[]{xs[second], ys[second]});
            }
        }
        return out;
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code raw}. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * magnitude >= raw * (1 - 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String valueLabel(double v, double step) {
        if (step >= 1) {
            if (v >= 10_000) {
                double k = v / 1000;
                return (k == Math.rint(k) ? String.format(Locale.ROOT, "%.0f", k) : String.format(Locale.ROOT, "%.1f", k)) + "k";
            }
            return String.format(Locale.ROOT, "%.0f", v);
        }
        int decimals = (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static double px(double x, double maxX) {
        return LEFT + clamp(x, 0, maxX) / maxX * PLOT_W;
    }

    private static double py(double v, double maxY) {
        return TOP + PLOT_H - clamp(v, 0, maxY) / maxY * PLOT_H;
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isFinite(v) ? Math.max(lo, Math.min(hi, v)) : lo;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
