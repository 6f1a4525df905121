package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.threshold.Threshold;

import java.util.List;

/** Writes {@code thresholds[]} in the wire order of the example: metric, scope, comparator, abort fields. */
final class ThresholdsWriter {
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final FlowWriter numbers;

    ThresholdsWriter(FlowWriter numbers) {
        this.numbers = numbers;
    }

    ArrayNode write(List<Threshold> thresholds) {
        ArrayNode array = nodes.arrayNode();
        for (Threshold t : thresholds) {
            ObjectNode n = array.addObject();
            n.put("metric", t.metric().wireName());
            n.put("scope", t.scope().wireName());
            n.set(t.comparator().wireName(), numbers.number(t.limit()));
            n.put("abort_on_fail", t.abortOnFail());
            n.set("delay_abort_eval_seconds", numbers.number(t.delayAbortEvalSeconds()));
        }
        return array;
    }
}
