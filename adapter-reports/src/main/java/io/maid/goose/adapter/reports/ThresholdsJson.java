package io.maid.goose.adapter.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.domain.threshold.ThresholdComparator;
import io.maid.goose.domain.threshold.ThresholdMetric;
import io.maid.goose.domain.threshold.ThresholdResult;
import io.maid.goose.domain.threshold.ThresholdScope;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report.json}'s {@code verdict} and {@code thresholds}: each threshold with its rule ({@code metric},
 * {@code scope}, {@code comparator}, {@code limit}, {@code abort_on_fail}, {@code delay_abort_eval_seconds}),
 * the {@code observed} value (null when there was nothing to measure) and {@code passed}. Read back field for
 * field; a report written before thresholds existed has none.
 */
final class ThresholdsJson {
    private ThresholdsJson() {
    }

    static void write(JsonGenerator g, RunSummary s) throws IOException {
        g.writeStringField("verdict", s.verdict().wireName());
        g.writeArrayFieldStart("thresholds");
        for (ThresholdResult r : s.thresholds()) {
            Threshold t = r.threshold();
            g.writeStartObject();
            g.writeStringField("metric", t.metric().wireName());
            g.writeStringField("scope", t.scope().wireName());
            g.writeStringField("comparator", t.comparator().wireName());
            g.writeNumberField("limit", t.limit());
            g.writeBooleanField("abort_on_fail", t.abortOnFail());
            g.writeNumberField("delay_abort_eval_seconds", t.delayAbortEvalSeconds());
            if (Double.isFinite(r.observed())) {
                g.writeNumberField("observed", r.observed());
            } else {
                g.writeNullField("observed");
            }
            g.writeBooleanField("passed", r.passed());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The results in {@code root}; none when the report predates thresholds. */
    static List<ThresholdResult> read(JsonNode root) throws IOException {
        List<ThresholdResult> out = new ArrayList<>();
        if (!root.has("thresholds")) {
            return out;
        }
        JsonNode array = root.get("thresholds");
        if (!array.isArray()) {
            throw new IOException("thresholds must be an array");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            String at = "thresholds[" + i + "].";
            try {
                ThresholdComparator comparator = ThresholdComparator.fromWire(n.path("comparator").asText());
                if (comparator == null) {
                    throw new IOException(at + "comparator must be lt, lte, gt or gte, was " + n.path("comparator"));
                }
                Threshold t = new Threshold(ThresholdMetric.fromWire(n.path("metric").asText()),
                        ThresholdScope.parse(n.path("scope").asText()), comparator, number(n, at, "limit"),
                        n.path("abort_on_fail").asBoolean(false), n.path("delay_abort_eval_seconds").asDouble(0));
                double observed = n.path("observed").isNumber() ? n.get("observed").doubleValue() : Double.NaN;
                if (!n.path("passed").isBoolean()) {
                    throw new IOException(at + "passed must be true or false");
                }
                out.add(new ThresholdResult(t, observed, n.get("passed").booleanValue()));
            } catch (ConfigException e) {
                throw new IOException(at + e.getMessage(), e);
            }
        }
        return out;
    }

    private static double number(JsonNode n, String at, String field) throws IOException {
        if (!n.path(field).isNumber()) {
            throw new IOException(at + field + " must be a number");
        }
        return n.get(field).doubleValue();
    }
}
