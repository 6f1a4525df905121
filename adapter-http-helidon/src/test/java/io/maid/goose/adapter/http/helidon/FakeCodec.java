package io.maid.goose.adapter.http.helidon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A small stand-in for the real codec: it accepts the API example's config shape (target_base_url, users,
 * hatch_rate, duration.seconds, think_time_seconds, scenarios[].transactions[].request{method,path},
 * scheduler, reports, plugin_hints) and reports violations with JSON pointers for anything else.
 */
final class FakeCodec implements RunConfigCodec {
    static final String SCHEMA = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"title\":\"RunConfig\","
            + "\"type\":\"object\",\"required\":[\"target_base_url\",\"users\",\"hatch_rate\",\"duration\",\"scenarios\"]}";
    private static final Set<String> CONFIG_FIELDS = Set.of("target_base_url", "users", "hatch_rate", "duration",
            "think_time_seconds", "scenarios", "scheduler", "reports", "plugin_hints");

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public DecodeResult decode(String json) {
        try {
            return decodeConfig(mapper.readTree(json), "");
        } catch (JsonProcessingException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("", "malformed JSON")));
        }
    }

    @Override
    public DecodeResult decodeRequest(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("", "malformed JSON")));
        }
        if (root == null || !root.isObject()) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("", "must be an object {\"config\": {...}}")));
        }
        List<ConfigViolation> v = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("config")) {
                v.add(new ConfigViolation("/" + f, "unknown property"));
            }
        }
        if (!root.has("config")) {
            v.add(new ConfigViolation("/config", "is required"));
        }
        if (!v.isEmpty()) {
            return new DecodeResult.Invalid(v);
        }
        return decodeConfig(root.get("config"), "/config");
    }

    private DecodeResult decodeConfig(JsonNode c, String at) {
        List<ConfigViolation> v = new ArrayList<>();
        if (c == null || !c.isObject()) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation(at, "must be an object")));
        }
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!CONFIG_FIELDS.contains(f)) {
                v.add(new ConfigViolation(at + "/" + f, "unknown property"));
            }
        }
        String target = text(c, "target_base_url", at, v);
        int users = integer(c, "users", at, v);
        double hatch = number(c, "hatch_rate", at, v);
        JsonNode d = c.get("duration");
        long seconds = 0;
        if (d == null || !d.isObject()) {
            v.add(new ConfigViolation(at + "/duration", "must be an object {\"seconds\": n}"));
        } else {
            seconds = integer(d, "seconds", at + "/duration", v);
        }
        double think = c.has("think_time_seconds") ? number(c, "think_time_seconds", at, v) : 0;
        List<Scenario> scenarios = new ArrayList<>();
        JsonNode sc = c.get("scenarios");
        if (sc == null || !sc.isArray() || sc.isEmpty()) {
            v.add(new ConfigViolation(at + "/scenarios", "must be a non-empty array"));
        } else {
            for (int i = 0; i < sc.size(); i++) {
                scenario(sc.get(i), at + "/scenarios/" + i, v, scenarios);
            }
        }
        if (!v.isEmpty()) {
            return new DecodeResult.Invalid(v);
        }
        try {
            RunConfig.Builder b = RunConfig.builder(target).users(users).hatchRate(hatch).durationSeconds(seconds)
                    .thinkTimeSeconds(think);
            scenarios.forEach(b::scenario);
            return new DecodeResult.Valid(b.build());
        } catch (ConfigException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation(at + "/" + e.field(), e.reason())));
        } catch (IllegalArgumentException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation(at + "/target_base_url", "not a URL")));
        }
    }

    private void scenario(JsonNode s, String at, List<ConfigViolation> v, List<Scenario> out) {
        if (s == null || !s.isObject()) {
            v.add(new ConfigViolation(at, "must be an object"));
            return;
        }
        String name = text(s, "name", at, v);
        int weight = s.has("weight") ? integer(s, "weight", at, v) : 1;
        JsonNode txs = s.get("transactions");
        if (txs == null || !txs.isArray() || txs.isEmpty()) {
            v.add(new ConfigViolation(at + "/transactions", "must be a non-empty array"));
            return;
        }
        List<Transaction> list = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            JsonNode t = txs.get(i);
            String tat = at + "/transactions/" + i;
            if (t == null || !t.isObject() || !t.path("request").isObject()) {
                v.add(new ConfigViolation(tat, "must be an object with a request"));
                continue;
            }
            String tname = text(t, "name", tat, v);
            String method = text(t.get("request"), "method", tat + "/request", v);
            String path = text(t.get("request"), "path", tat + "/request", v);
            HttpMethod m = null;
            try {
                m = method == null ? null : HttpMethod.valueOf(method);
            } catch (IllegalArgumentException e) {
                v.add(new ConfigViolation(tat + "/request/method", "unknown method"));
            }
            if (tname != null && m != null && path != null) {
                try {
                    list.add(Transaction.of(tname, RequestSpec.of(m, path)));
                } catch (ConfigException e) {
                    v.add(new ConfigViolation(tat + "/" + e.field(), e.reason()));
                }
            }
        }
        if (name != null && !list.isEmpty()) {
            try {
                out.add(new Scenario(name, weight, list));
            } catch (ConfigException e) {
                v.add(new ConfigViolation(at + "/" + e.field(), e.reason()));
            }
        }
    }

    private static String text(JsonNode n, String f, String at, List<ConfigViolation> v) {
        JsonNode x = n.get(f);
        if (x == null || !x.isTextual()) {
            v.add(new ConfigViolation(at + "/" + f, "must be a string"));
            return null;
        }
        return x.asText();
    }

    private static int integer(JsonNode n, String f, String at, List<ConfigViolation> v) {
        JsonNode x = n.get(f);
        if (x == null || !x.canConvertToInt() || !x.isIntegralNumber()) {
            v.add(new ConfigViolation(at + "/" + f, "must be an integer"));
            return 0;
        }
        return x.asInt();
    }

    private static double number(JsonNode n, String f, String at, List<ConfigViolation> v) {
        JsonNode x = n.get(f);
        if (x == null || !x.isNumber() || !Double.isFinite(x.asDouble())) {
            v.add(new ConfigViolation(at + "/" + f, "must be a number"));
            return 0;
        }
        return x.asDouble();
    }

    @Override
    public String encode(RunConfig config) {
        ObjectNode c = mapper.createObjectNode();
        c.put("target_base_url", config.targetBaseUrl().toString());
        c.put("users", config.users());
        c.put("hatch_rate", config.hatchRate());
        c.putObject("duration").put("seconds", config.duration().seconds());
        c.put("think_time_seconds", config.thinkTimeSeconds());
        ArrayNode scenarios = c.putArray("scenarios");
        for (Scenario s : config.scenarios()) {
            ObjectNode sn = scenarios.addObject().put("name", s.name()).put("weight", s.weight());
            ArrayNode txs = sn.putArray("transactions");
            for (Transaction t : s.transactions()) {
                txs.addObject().put("name", t.name()).putObject("request")
                        .put("method", t.request().method().name()).put("path", t.request().path());
            }
        }
        return c.toString();
    }

    @Override
    public String schema() {
        return SCHEMA;
    }
}
