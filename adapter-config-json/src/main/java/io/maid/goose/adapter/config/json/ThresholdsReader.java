package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.domain.threshold.ThresholdComparator;
import io.maid.goose.domain.threshold.ThresholdMetric;
import io.maid.goose.domain.threshold.ThresholdScope;
import io.maid.goose.domain.threshold.Thresholds;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a schema-valid {@code thresholds[]} entry onto a {@link Threshold}. The schema knows the fields and
 * the metric names; this checks what it cannot say well: exactly one comparator, and a scope of one of the
 * three forms. Whether a scope's transaction exists is the config's rule, checked with the scenarios.
 */
final class ThresholdsReader {
    private final Violations v;

    ThresholdsReader(Violations violations) {
        this.v = violations;
    }

    /**
     * Every threshold, or null when one could not be built or a scope names no transaction of
     * {@code scenarios} (each problem a violation, all of them reported).
     */
    List<Threshold> thresholds(JsonNode config, String configAt, List<Scenario> scenarios) {
        List<Threshold> all = v.list(config.path("thresholds"), Pointers.child(configAt, "thresholds"), this::threshold);
        if (all == null) {
            return null;
        }
        List<ConfigException> wrong = Thresholds.problems(all, scenarios);
        wrong.forEach(p -> v.add(configAt, p));
        return wrong.isEmpty() ? all : null;
    }

    Threshold threshold(JsonNode n, String at) {
        List<ThresholdComparator> given = new ArrayList<>();
        for (ThresholdComparator c : ThresholdComparator.values()) {
            if (n.has(c.wireName())) {
                given.add(c);
            }
        }
        if (given.size() != 1) {
            v.add(at, given.isEmpty()
                    ? "needs a comparator: exactly one of lt, lte, gt or gte, with the limit as its value"
                    : "has " + String.join(" and ", given.stream().map(ThresholdComparator::wireName).toList())
                            + "; a threshold takes exactly one of lt, lte, gt or gte (write two thresholds for a range)");
            return null;
        }
        ThresholdComparator comparator = given.get(0);
        ThresholdMetric metric = v.build(at, () -> ThresholdMetric.fromWire(n.path("metric").textValue()));
        ThresholdScope scope = n.has("scope")
                ? v.build(at, () -> ThresholdScope.parse(n.get("scope").textValue())) : ThresholdScope.TOTAL;
        if (metric == null || scope == null) {
            return null;
        }
        return v.build(at, () -> new Threshold(metric, scope, comparator, n.get(comparator.wireName()).doubleValue(),
                n.path("abort_on_fail").asBoolean(false), n.path("delay_abort_eval_seconds").asDouble(0)));
    }
}
