package io.maid.goose.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricsTextTest {
    private static final String VALID = """
            # TYPE http_requests counter
            # HELP http_requests Requests.
            http_requests_total{path="/a \\"q\\"\\\\n",code="200"} 3.0
            http_requests_total{path="/b",code="500"} 1
            # TYPE latency_seconds histogram
            # UNIT latency_seconds seconds
            latency_seconds_bucket{le="0.1"} 1
            latency_seconds_bucket{le="1.0"} 3
            latency_seconds_bucket{le="+Inf"} 4
            latency_seconds_count 4
            latency_seconds_sum 7.5
            # TYPE up gauge
            up 1 1700000000
            # EOF
            """;

    @Test
    void aValidOpenMetricsDocumentIsReadWithItsLabelsUnescaped() {
        MetricsText text = MetricsText.parseOpenMetrics(VALID);
        assertEquals(4, text.sum("http_requests_total", l -> true));
        assertEquals(3, text.sum("http_requests_total", l -> "/a \"q\"\\n".equals(l.get("path"))));
        assertEquals(4, text.sum("latency_seconds_count", l -> true));
        assertEquals("counter", text.families().get("http_requests").type());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "# TYPE a counter\na_total 1\n",                                   // no # EOF
            "# TYPE a counter\na_total 1\n# EOF\nb 1\n",                       // text after # EOF
            "a 1\n# EOF\n",                                                    // sample before its TYPE
            "# TYPE a counter\na 1\n# EOF\n",                                  // counter without _total
            "# TYPE a counter\na_total -1\n# EOF\n",                           // negative counter
            "# TYPE a gauge\na{x=\"1\",x=\"2\"} 1\n# EOF\n",                   // duplicate label
            "# TYPE a gauge\na{x=\"\\t\"} 1\n# EOF\n",                         // bad escape
            "# TYPE a gauge\na{x=\"1\"} 1\na{x=\"1\"} 2\n# EOF\n",             // duplicate series
            "# TYPE a gauge\na one\n# EOF\n",                                  // not a number
            "# TYPE a gauge\n# TYPE b gauge\na 1\n# EOF\n",                    // a closed family continued
            "# TYPE a gauge\na 1\n\n# EOF\n",                                  // empty line
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n# EOF\n", // not cumulative
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_count 2\n# EOF\n",    // no +Inf bucket
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n# EOF\n", // _count is not +Inf
            "# TYPE a gauge\na 1"                                              // no final line feed
    })
    void whatAConformingScraperWouldRefuseIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> MetricsText.parseOpenMetrics(text));
    }

    @Test
    void theTextFormat004HasNoEofAndNamesCountersWithTheirSuffix() {
        MetricsText text = MetricsText.parsePrometheusText("# HELP a_total A.\n# TYPE a_total counter\na_total 2\n");
        assertEquals(2, text.sum("a_total", l -> true));
        assertThrows(IllegalArgumentException.class, () -> MetricsText.parsePrometheusText("# TYPE a counter\na_total 2\n"));
    }
}
