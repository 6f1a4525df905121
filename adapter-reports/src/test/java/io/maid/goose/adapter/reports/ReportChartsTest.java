package io.maid.goose.adapter.reports;

import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.testkit.MetricsSnapshots;
import io.maid.goose.testkit.SampleHistograms;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportChartsTest {
    private static MetricsSnapshot second(double elapsed, double interval, long requests, long failures) {
        return MetricsSnapshots.builder().elapsedSeconds(elapsed).intervalSeconds(interval).requests(requests)
                .failures(failures).throughputRps(requests / interval)
                .errors(failures == 0 ? Map.of() : Map.of("connect_refused", failures)).build();
    }

    @Test
    void aShortLastIntervalIsMergedIntoTheOneBeforeSoItsRateIsNoFakeDrop() {
        List<ReportCharts.RatePoint> points = ReportCharts.ratePoints(List.of(second(1, 1, 300, 0),
                second(2, 1, 310, 3), second(2.04, 0.04, 2, 1)));

        assertEquals(2, points.size());
        ReportCharts.RatePoint last = points.get(1);
        assertEquals(2.04, last.elapsedSeconds(), 1e-12);
        assertEquals(1.04, last.seconds(), 1e-12);
        assertEquals(312, last.requests());
        assertEquals(300.0, last.perSecond(last.requests()), 1e-9, "312 requests in 1.04 s");
        assertEquals(4, last.failures());
        assertEquals(Map.of("connect_refused", 4L), last.errors());
        assertEquals(612, points.stream().mapToLong(ReportCharts.RatePoint::requests).sum(), "every request is kept");
    }

    @Test
    void aShortLastIntervalIsLeftOutOfTheLatencyCharts() {
        boolean[] shown = ReportCharts.latencyShown(List.of(second(1, 1, 300, 0), second(2, 1, 310, 0),
                second(2.04, 0.04, 2, 0)));

        assertEquals(List.of(true, true, false), List.of(shown[0], shown[1], shown[2]));
    }

    @Test
    void fullIntervalsAreTheEnginesOwnRates() {
        List<ReportCharts.RatePoint> points = ReportCharts.ratePoints(List.of(second(1, 1, 300, 0), second(2.6, 1.6, 400, 0)));

        assertEquals(2, points.size());
        assertEquals(250.0, points.get(1).perSecond(points.get(1).requests()), 1e-9, "divided by its real length");
    }

    @Test
    void theDistributionRunsFromTheMinimumToTheMaximumAtTheRightEdge() {
        Histogram h = SampleHistograms.histogram(5_000, 28, 1);

        List<double[]> points = ReportCharts.percentiles(h, 4);

        assertEquals(0, points.get(0)[0], 1e-12);
        assertEquals(h.getMinValue() / 1000.0, points.get(0)[1], h.getMinValue() / 1000.0 * 0.001, "within HdrHistogram's precision");
        double[] last = points.get(points.size() - 1);
        assertEquals(4, last[0], 1e-12);
        assertEquals(h.getMaxValue() / 1000.0, last[1], h.getMaxValue() / 1000.0 * 0.001);
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i)[0] >= points.get(i - 1)[0] && points.get(i)[1] >= points.get(i - 1)[1],
                    "rises left to right");
        }
    }

    @Test
    void aHistogramThatCannotBeReadIsNone() {
        assertEquals(null, ReportCharts.decode("bm90IGEgaGlzdG9ncmFt"));
        assertEquals(null, ReportCharts.decode(null));
        assertEquals(5_000, ReportCharts.decode(SampleHistograms.encoded(5_000, 28, 1)).getTotalCount());
    }
}
