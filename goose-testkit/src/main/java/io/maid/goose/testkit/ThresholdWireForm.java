package io.maid.goose.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.domain.threshold.ThresholdComparator;
import io.maid.goose.domain.threshold.ThresholdMetric;
import io.maid.goose.domain.threshold.ThresholdScope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake codec's wire form of a threshold: {@code metric}, {@code scope} (text), the limit under its
 * comparator's name ({@code "lt": 300}), {@code abort_on_fail} and {@code delay_abort_eval_seconds}; exactly one
 * comparator. A problem is thrown with its field, so the codec reports it at its pointer.
 */
final class ThresholdWireForm {
    private static final List<String> FIELDS = List.of("metric", "scope", "lt", "lte", "gt", "gte", "abort_on_fail",
            "delay_abort_eval_seconds");

    private ThresholdWireForm() {
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("goose-thresholds");
        m.addDeserializer(Threshold.class, FlowWireForms.reader(ThresholdWireForm::read));
        m.addSerializer(Threshold.class, FlowWireForms.writer(ThresholdWireForm::write));
        return m;
    }

    private static Threshold read(JsonNode n) {
        FlowWireForms.known(n, FIELDS);
        List<ThresholdComparator> given = new ArrayList<>();
        for (ThresholdComparator c : ThresholdComparator.values()) {
            if (n.has(c.wireName())) {
                given.add(c);
            }
        }
        if (given.size() != 1) {
            throw new FlowWireForms.Problem("", given.isEmpty() ? "needs exactly one of lt, lte, gt or gte"
                    : "has more than one of lt, lte, gt or gte");
        }
        ThresholdComparator comparator = given.get(0);
        ThresholdMetric metric = ThresholdMetric.fromWire(FlowWireForms.text(n, "metric"));
        ThresholdScope scope = n.has("scope") ? ThresholdScope.parse(FlowWireForms.text(n, "scope")) : ThresholdScope.TOTAL;
        boolean abort = false;
        if (n.has("abort_on_fail")) {
            if (!n.get("abort_on_fail").isBoolean()) {
                throw new FlowWireForms.Problem("abort_on_fail", "must be true or false");
            }
            abort = n.get("abort_on_fail").booleanValue();
        }
        double delay = n.has("delay_abort_eval_seconds") ? FlowWireForms.number(n, "delay_abort_eval_seconds") : 0;
        return new Threshold(metric, scope, comparator, FlowWireForms.number(n, comparator.wireName()), abort, delay);
    }

    private static Object write(Threshold t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", t.metric().wireName());
        out.put("scope", t.scope().wireName());
        out.put(t.comparator().wireName(), t.limit());
        out.put("abort_on_fail", t.abortOnFail());
        out.put("delay_abort_eval_seconds", t.delayAbortEvalSeconds());
        return out;
    }
}
