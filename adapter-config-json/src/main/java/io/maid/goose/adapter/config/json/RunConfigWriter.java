package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.PluginHints;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;

import java.util.List;
import java.util.Map;

/**
 * Writes a config as the snake_case wire tree, in the property order of the API example, with every default
 * spelled out so that a reader sees the whole configuration. Absent optional values ({@code body},
 * {@code throughput_cap_rps}, ...) are left out rather than written as null, which
 * the schema rejects. The data
 * feeders come last, so that inline rows never push the settings out of sight.
 */
final class RunConfigWriter {
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final FlowWriter flows = new FlowWriter();
    private final ThresholdsWriter thresholds = new ThresholdsWriter(flows);
    /** Converts plugin-hint extras; a default mapper, so a Double stays the same double on its way to text. */
    private final ObjectMapper plainValues = new ObjectMapper();

    ObjectNode write(RunConfig c) {
        ObjectNode n = nodes.objectNode();
        n.put("target_base_url", c.targetBaseUrl().toString());
        if (c.isShorthand()) {
            n.put("users", c.users());
            n.set("hatch_rate", number(c.hatchRate()));
            n.putObject("duration").put("seconds", c.duration().seconds());
        } else {
            n.set(LoadReader.LOAD, LoadReader.write(c.load(), this::number));
        }
        n.set("think_time_seconds", flows.thinkTime(c.thinkTime()));
        ArrayNode scenarios = n.putArray("scenarios");
        c.scenarios().forEach(s -> scenarios.add(scenario(s)));
        n.put("scheduler", c.scheduler().wireName());
        ArrayNode formats = n.putObject("reports").putArray("formats");
        c.reports().formats().stream().map(ReportFormat::wireName).forEach(formats::add);
        n.set("plugin_hints", hints(c.pluginHints()));
        ObjectNode tls = n.putObject("tls");
        tls.put("verify", c.tls().verify());
        if (c.tls().caBundle() != null) {
            tls.put("ca_bundle", c.tls().caBundle());
        }
        n.set("request_timeout_seconds", number(c.requestTimeoutSeconds()));
        n.put("max_response_bytes", c.maxResponseBytes());
        n.put("max_capture_bytes", c.maxCaptureBytes());
        if (c.throughputCapRps() != null) {
            n.set("throughput_cap_rps", number(c.throughputCapRps()));
        }
        n.set("thresholds", thresholds.write(c.thresholds()));
        ArrayNode data = n.putArray("data");
        c.data().forEach(f -> data.add(flows.feeder(f)));
        if (c.distribution() != null) {
            ObjectNode d = n.putObject("distribution");
            if (c.distribution().workers() != null) {
                d.put("workers", c.distribution().workers());
            }
            d.put("on_worker_lost", c.distribution().onWorkerLost().wireName());
        }
        return n;
    }

    private ObjectNode scenario(Scenario s) {
        ObjectNode n = nodes.objectNode();
        n.put("name", s.name());
        n.put("weight", s.weight());
        n.set("on_start", transactions(s, s.onStart()));
        n.set("transactions", transactions(s, s.transactions()));
        n.set("on_stop", transactions(s, s.onStop()));
        n.put("on_failure", s.onFailure().wireName());
        return n;
    }

    private ArrayNode transactions(Scenario s, List<Transaction> list) {
        ArrayNode array = nodes.arrayNode();
        for (Transaction t : list) {
            array.add(flows.transaction(t, "transaction '" + t.name() + "' of scenario '" + s.name() + "'"));
        }
        return array;
    }

    private ObjectNode hints(PluginHints h) {
        ObjectNode n = nodes.objectNode();
        ArrayNode tags = n.putArray("tags");
        h.tags().forEach(tags::add);
        if (h.mistralRecipePrompt() != null) {
            n.put("mistral_recipe_prompt", h.mistralRecipePrompt());
        }
        for (Map.Entry<String, Object> extra : h.extra().entrySet()) {
            // An extra named like a known hint would shadow it on the way back in; the typed field wins.
            if (!RunConfigReader.isKnownHint(extra.getKey())) {
                n.set(extra.getKey(), plainValues.valueToTree(extra.getValue()));
            }
        }
        return n;
    }

    private JsonNode number(double value) {
        return flows.number(value);
    }
}
