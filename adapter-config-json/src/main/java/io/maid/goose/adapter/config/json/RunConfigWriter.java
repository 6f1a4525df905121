package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.PluginHints;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;

import java.util.List;
import java.util.Map;

/**
 * Writes a config as the snake_case wire tree, in the property order of the API example, with every default
 * spelled out so that a reader sees the whole configuration. Absent optional values ({@code body},
 * {@code throughput_cap_rps}, ...) are left out rather than written as null, which the schema rejects.
 */
final class RunConfigWriter {
    /** Whole numbers below this are written without a fraction ({@code 50}, not {@code 50.0}). */
    private static final double EXACT_WHOLE_LIMIT = 1e15;

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    /** Converts plugin-hint extras; a default mapper, so a Double stays the same double on its way to text. */
    private final ObjectMapper plainValues = new ObjectMapper();

    ObjectNode write(RunConfig c) {
        ObjectNode n = nodes.objectNode();
        n.put("target_base_url", c.targetBaseUrl().toString());
        n.put("users", c.users());
        n.set("hatch_rate", number(c.hatchRate()));
        n.putObject("duration").put("seconds", c.duration().seconds());
        n.set("think_time_seconds", number(c.thinkTime().meanSeconds()));
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
        if (c.throughputCapRps() != null) {
            n.set("throughput_cap_rps", number(c.throughputCapRps()));
        }
        return n;
    }

    private ObjectNode scenario(Scenario s) {
        ObjectNode n = nodes.objectNode();
        n.put("name", s.name());
        n.put("weight", s.weight());
        ArrayNode transactions = n.putArray("transactions");
        s.transactions().forEach(t -> transactions.add(transaction(t)));
        return n;
    }

    private ObjectNode transaction(Transaction t) {
        ObjectNode n = nodes.objectNode();
        n.put("name", t.name());
        n.put("weight", t.weight());
        n.set("request", request(t.http().constantRequest()));
        return n;
    }

    private ObjectNode request(RequestSpec r) {
        ObjectNode n = nodes.objectNode();
        n.put("method", r.method().name());
        n.put("path", r.path());
        n.set("headers", nameValues(r.headers()));
        n.set("query", nameValues(r.query()));
        if (r.body() != null) {
            n.put("body", r.body());
        }
        n.put("allow_redirects", r.allowRedirects());
        if (!r.expectStatus().isEmpty()) {
            ArrayNode codes = n.putArray("expect_status");
            r.expectStatus().forEach(codes::add);
        }
        return n;
    }

    private ArrayNode nameValues(List<NameValue> pairs) {
        ArrayNode array = nodes.arrayNode();
        for (NameValue pair : pairs) {
            array.addObject().put("name", pair.name()).put("value", pair.value());
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
        if (value == Math.rint(value) && Math.abs(value) < EXACT_WHOLE_LIMIT) {
            return nodes.numberNode((long) value);
        }
        return nodes.numberNode(value);
    }
}
