package io.maid.goose.adapter.reports;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgChartTest {
    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.5, SvgChart.niceStep(0.31), 1e-12);
        assertEquals(2, SvgChart.niceStep(1.2), 1e-12);
        assertEquals(50, SvgChart.niceStep(41), 1e-12);
        assertEquals(100, SvgChart.niceStep(100), 1e-12);
    }

    @Test
    void aDayLongTimelineIsDecimatedButKeepsItsSpike() {
        int n = 86_400;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i + 1;
            ys[i] = 10;
        }
        ys[43_210] = 900;

        List<double[]> points = SvgChart.decimate(xs, ys, n);

        assertTrue(points.size() <= 2 * SvgChart.MAX_POINTS, "points: " + points.size());
        assertTrue(points.stream().anyMatch(p -> p[1] == 900));
    }

    @Test
    void textInsideTheChartIsEscaped() {
        String svg = SvgChart.render("a<b", "y & z", 10, new double[]{1, 2}, List.of(
                new SvgChart.Series("\"quoted\"", "#000", new double[]{1, 2}, false)), List.of());

        assertTrue(svg.contains("<title>a&lt;b</title>"));
        assertTrue(svg.contains("y &amp; z"));
        assertTrue(svg.contains("&quot;quoted&quot;"));
        assertFalse(svg.contains("a<b"));
    }

    @Test
    void aValueThatIsNotANumberIsAGapNotAZero() {
        String svg = SvgChart.render("t", "y", 10, new double[]{1, 2, 3, 4, 5}, List.of(
                new SvgChart.Series("s", "#000", new double[]{5, Double.NaN, 5, 5, Double.NaN}, false)), List.of());

        assertEquals(1, svg.split("<polyline", -1).length - 1, "the run 3..4 is one line");
        assertEquals(1, svg.split("<circle", -1).length - 1, "the lone value at 1 is a dot");
        assertFalse(svg.contains(",212.0"), "nothing is drawn at 0 (the bottom of the plot)");
    }

    @Test
    void aDecimatedBucketWithoutValuesIsAGap() {
        int n = 3 * SvgChart.MAX_POINTS;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            ys[i] = i >= 300 && i < 600 ? Double.NaN : 7;
        }

        List<double[]> points = SvgChart.decimate(xs, ys, n);

        assertTrue(points.stream().anyMatch(p -> Double.isNaN(p[1])));
        assertTrue(points.stream().noneMatch(p -> p[1] == 0));
    }

    @Test
    void aNinesAxisTicksEveryNine() {
        ChartAxis axis = ChartAxis.nines(4);

        assertEquals(List.of("0%", "90%", "99%", "99.9%", "99.99%"), axis.ticks().stream().map(ChartAxis.Tick::label).toList());
        assertEquals(2, ChartAxis.ninesOf(99), 1e-12);
        assertEquals(0, ChartAxis.ninesOf(0), 1e-12);
        assertEquals(6, ChartAxis.nines(40).max(), "at most six nines");
    }

    @Test
    void anEmptyTimelineSaysSo() {
        String svg = SvgChart.render("t", "y", 0, new double[0], List.of(
                new SvgChart.Series("s", "#000", new double[0], false)), List.of());

        assertTrue(svg.contains("no samples"));
        assertFalse(svg.contains("<polyline"));
    }
}
