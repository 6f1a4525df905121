package io.maid.goose.adapter.plugins.mistral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.PluginHints;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunDuration;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small codec for tests: checks a handful of the real rules (required fields, users 1..100000, the
 * method enum, no unknown top-level properties) with JSON pointers, then builds the domain config, whose
 * own rules report anything else. The real one lives in adapter-config-json, which adapters cannot use.
 */
final class TestRunConfigCodec implements RunConfigCodec {
    static final String SCHEMA = """
            {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
             "required":["target_base_url","users","hatch_rate","duration","scenarios"],
             "properties":{
              "target_base_url":{"type":"string"},
              "users":{"type":"integer","minimum":1,"maximum":100000},
              "hatch_rate":{"type":"number","exclusiveMinimum":0},
              "duration":{"type":"object","required":["seconds"],"properties":{"seconds":{"type":"integer","minimum":1}}},
              "think_time_seconds":{"type":"number","minimum":0},
              "scenarios":{"type":"array","minItems":1,"items":{"type":"object","required":["name","transactions"],
                "properties":{"name":{"type":"string"},"weight":{"type":"integer"},
                 "transactions":{"type":"array","minItems":1,"items":{"type":"object","required":["name","request"],
                  "properties":{"name":{"type":"string"},"request":{"type":"object","required":["method","path"],
                   "properties":{"method":{"enum":["GET","POST","PUT","PATCH","DELETE","HEAD","OPTIONS"]},"path":{"type":"string"}}}}}}}}},
              "plugin_hints":{"type":"object","properties":{"tags":{"type":"array","items":{"type":"string"}},
                "mistral_recipe_prompt":{"type":"string"}}}
             }}""";
    private static final Set<String> KNOWN = Set.of("target_base_url", "users", "hatch_rate", "duration",
            "think_time_seconds", "scenarios", "plugin_hints");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public DecodeResult decode(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("", "not JSON: " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("", "must be a JSON object")));
        }
        List<ConfigViolation> v = new ArrayList<>();
        root.fieldNames().forEachRemaining(n -> {
            if (!KNOWN.contains(n)) {
                v.add(new ConfigViolation("/" + n, "unknown property"));
            }
        });
        String target = text(root, "target_base_url", "/target_base_url", v);
        int users = integer(root, "users", "/users", 1, 100_000, v);
        JsonNode hatch = root.get("hatch_rate");
        if (hatch == null || !hatch.isNumber() || hatch.asDouble() <= 0) {
            v.add(new ConfigViolation("/hatch_rate", "is required and must be a number greater than 0"));
        }
        JsonNode duration = root.path("duration");
        int seconds = integer(duration, "seconds", "/duration/seconds", 1, 86_400, v);
        List<Scenario> scenarios = new ArrayList<>();
        JsonNode sc = root.get("scenarios");
        if (sc == null || !sc.isArray() || sc.isEmpty()) {
            v.add(new ConfigViolation("/scenarios", "is required and must hold at least one scenario"));
        } else {
            for (int i = 0; i < sc.size(); i++) {
                Scenario s = scenario(sc.get(i), "/scenarios/" + i, v);
                if (s != null) {
                    scenarios.add(s);
                }
            }
        }
        PluginHints hints = hints(root.get("plugin_hints"), v);
        if (!v.isEmpty()) {
            return new DecodeResult.Invalid(v);
        }
        try {
            return new DecodeResult.Valid(new RunConfig(URI.create(target), users, hatch.asDouble(), new RunDuration(seconds),
                    root.path("think_time_seconds").asDouble(0), scenarios, null, null, hints, null,
                    RunConfig.DEFAULT_REQUEST_TIMEOUT_SECONDS, null, null, RunConfig.DEFAULT_MAX_RESPONSE_BYTES));
        } catch (ConfigException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("/" + e.field(), e.reason())));
        } catch (IllegalArgumentException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("/target_base_url", e.getMessage())));
        }
    }

    private Scenario scenario(JsonNode s, String at, List<ConfigViolation> v) {
        String name = text(s, "name", at + "/name", v);
        JsonNode tx = s.get("transactions");
        if (tx == null || !tx.isArray() || tx.isEmpty()) {
            v.add(new ConfigViolation(at + "/transactions", "is required and must hold at least one transaction"));
            return null;
        }
        List<Transaction> transactions = new ArrayList<>();
        for (int i = 0; i < tx.size(); i++) {
            String tat = at + "/transactions/" + i;
            String tname = text(tx.get(i), "name", tat + "/name", v);
            JsonNode req = tx.get(i).path("request");
            String method = text(req, "method", tat + "/request/method", v);
            String path = text(req, "path", tat + "/request/path", v);
            HttpMethod m = null;
            if (method != null) {
                try {
                    m = HttpMethod.valueOf(method);
                } catch (IllegalArgumentException e) {
                    v.add(new ConfigViolation(tat + "/request/method", "must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, was '" + method + "'"));
                }
            }
            if (tname != null && m != null && path != null && v.isEmpty()) {
                try {
                    transactions.add(Transaction.of(tname, RequestSpec.of(m, path)));
                } catch (ConfigException e) {
                    v.add(new ConfigViolation(tat + "/request/" + e.field(), e.reason()));
                }
            }
        }
        if (name == null || !v.isEmpty()) {
            return null;
        }
        return new Scenario(name, s.path("weight").asInt(1), transactions);
    }

    private PluginHints hints(JsonNode h, List<ConfigViolation> v) {
        if (h == null) {
            return null;
        }
        if (!h.isObject()) {
            v.add(new ConfigViolation("/plugin_hints", "must be an object"));
            return null;
        }
        List<String> tags = new ArrayList<>();
        h.path("tags").forEach(t -> tags.add(t.asText()));
        JsonNode prompt = h.get("mistral_recipe_prompt");
        return new PluginHints(tags, prompt == null ? null : prompt.asText(), Map.of());
    }

    private static String text(JsonNode node, String field, String pointer, List<ConfigViolation> v) {
        JsonNode n = node == null ? null : node.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            v.add(new ConfigViolation(pointer, "is required and must be a non-empty string"));
            return null;
        }
        return n.asText();
    }

    private static int integer(JsonNode node, String field, String pointer, int min, int max, List<ConfigViolation> v) {
        JsonNode n = node == null ? null : node.get(field);
        if (n == null || !n.isIntegralNumber()) {
            v.add(new ConfigViolation(pointer, "is required and must be an integer"));
            return 0;
        }
        if (n.asLong() < min || n.asLong() > max) {
            v.add(new ConfigViolation(pointer, "must be between " + min + " and " + max + ", was " + n.asLong()));
            return 0;
        }
        return n.asInt();
    }

    @Override
    public DecodeResult decodeRequest(String text) {
        try {
            JsonNode root = json.readTree(text);
            if (root == null || !root.has("config")) {
                return new DecodeResult.Invalid(List.of(new ConfigViolation("/config", "is required")));
            }
            DecodeResult inner = decode(root.get("config").toString());
            if (inner instanceof DecodeResult.Invalid invalid) {
                return new DecodeResult.Invalid(invalid.violations().stream()
                        .map(x -> new ConfigViolation("/config" + x.pointer(), x.message())).toList());
            }
            return inner;
        } catch (JsonProcessingException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("", "not JSON")));
        }
    }

    @Override
    public String encode(RunConfig c) {
        ObjectNode root = json.createObjectNode();
        root.put("target_base_url", c.targetBaseUrl().toString());
        root.put("users", c.users());
        root.put("hatch_rate", c.hatchRate());
        root.putObject("duration").put("seconds", c.duration().seconds());
        root.put("think_time_seconds", c.thinkTimeSeconds());
        ArrayNode scenarios = root.putArray("scenarios");
        for (Scenario s : c.scenarios()) {
            ObjectNode sn = scenarios.addObject().put("name", s.name()).put("weight", s.weight());
            ArrayNode tx = sn.putArray("transactions");
            for (Transaction t : s.transactions()) {
                tx.addObject().put("name", t.name()).putObject("request")
                        .put("method", t.request().method().name()).put("path", t.request().path());
            }
        }
        return root.toString();
    }

    @Override
    public String schema() {
        return SCHEMA;
    }
}
