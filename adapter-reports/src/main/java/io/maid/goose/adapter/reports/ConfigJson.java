package io.maid.goose.adapter.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * The run config as the snake_case JSON of {@code POST /api/goose/run}'s {@code config}. Optional fields
 * that are absent ({@code null}) are left out, as a user would have left them out.
 */
final class ConfigJson {
    private ConfigJson() {
    }

    static ObjectNode toJson(RunConfig c, ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("target_base_url", c.targetBaseUrl().toString());
        o.put("users", c.users());
        o.put("hatch_rate", c.hatchRate());
        o.putObject("duration").put("seconds", c.duration().seconds());
        o.put("think_time_seconds", c.thinkTimeSeconds());
        ArrayNode scenarios = o.putArray("scenarios");
        for (Scenario s : c.scenarios()) {
            scenarios.add(scenario(s, mapper));
        }
        o.put("scheduler", c.scheduler().wireName());
        ArrayNode formats = o.putObject("reports").putArray("formats");
        for (ReportFormat f : c.reports().formats()) {
            formats.add(f.wireName());
        }
        o.set("plugin_hints", hints(c.pluginHints(), mapper));
        ObjectNode tls = o.putObject("tls");
        tls.put("verify", c.tls().verify());
        if (c.tls().caBundle() != null) {
            tls.put("ca_bundle", c.tls().caBundle());
        }
        o.put("request_timeout_seconds", c.requestTimeoutSeconds());
        if (c.throughputCapRps() != null) {
            o.put("throughput_cap_rps", c.throughputCapRps());
        }
        if (c.maxHistory() != null) {
            o.put("max_history", c.maxHistory());
        }
        return o;
    }

    private static ObjectNode scenario(Scenario s, ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("name", s.name());
        o.put("weight", s.weight());
        ArrayNode transactions = o.putArray("transactions");
        for (Transaction t : s.transactions()) {
            ObjectNode tx = transactions.addObject();
            tx.put("name", t.name());
            tx.put("weight", t.weight());
            tx.set("request", request(t.request(), mapper));
        }
        return o;
    }

    private static ObjectNode request(RequestSpec r, ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("method", r.method().name());
        o.put("path", r.path());
        o.set("headers", pairs(r.headers(), mapper));
        o.set("query", pairs(r.query(), mapper));
        if (r.body() != null) {
            o.put("body", r.body());
        }
        o.put("allow_redirects", r.allowRedirects());
        ArrayNode expect = o.putArray("expect_status");
        r.expectStatus().forEach(expect::add);
        return o;
    }

    private static ArrayNode pairs(List<NameValue> pairs, ObjectMapper mapper) {
        ArrayNode a = mapper.createArrayNode();
        for (NameValue p : pairs) {
            a.addObject().put("name", p.name()).put("value", p.value());
        }
        return a;
    }

    private static ObjectNode hints(PluginHints h, ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        ArrayNode tags = o.putArray("tags");
        h.tags().forEach(tags::add);
        if (h.mistralRecipePrompt() != null) {
            o.put("mistral_recipe_prompt", h.mistralRecipePrompt());
        }
        for (Map.Entry<String, Object> e : h.extra().entrySet()) {
            o.set(e.getKey(), mapper.valueToTree(e.getValue()));
        }
        return o;
    }
}
