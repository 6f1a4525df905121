package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.LoadPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The config's load model on the wire: either the shorthand ({@code users}, {@code hatch_rate},
 * {@code duration}, all three required) or {@code load} ({@code stages} or {@code arrival}), never both. The
 * schema cannot say "required unless" in a way every consumer of it understands, so {@link #exclusive} checks it
 * beside the schema, each field at its own pointer; {@link #plan} maps a schema-valid {@code load} onto the
 * domain and {@link #write} writes it back.
 */
final class LoadReader {
    static final String LOAD = "load";
    private static final List<String> SHORTHAND = List.of("users", "hatch_rate", "duration");

    private LoadReader() {
    }

    /** Each shorthand field that is missing without {@code load}, or present beside it. */
    static List<ConfigViolation> exclusive(JsonNode config, String at) {
        List<ConfigViolation> out = new ArrayList<>();
        if (!config.isObject()) {
            return out;
        }
        boolean load = config.has(LOAD);
        for (String field : SHORTHAND) {
            String pointer = Pointers.child(at, field);
            if (load && config.has(field)) {
                out.add(new ConfigViolation(pointer, Pointers.label(pointer)
                        + ": cannot be used together with load; give either users, hatch_rate and duration, or load"));
            } else if (!load && !config.has(field)) {
                out.add(new ConfigViolation(pointer, Pointers.label(pointer) + ": is required"));
            }
        }
        return out;
    }

    /** The plan of a schema-valid {@code load} object, or null when one of its rules is broken (each reported). */
    static LoadPlan plan(JsonNode n, String at, Violations v) {
        if (n.has("stages")) {
            String stagesAt = Pointers.child(at, "stages");
            List<LoadPlan.Stage> stages = v.list(n.get("stages"), stagesAt, (s, sAt) -> v.build(sAt,
                    () -> new LoadPlan.Stage(s.path("users").intValue(), s.path("over_seconds").longValue())));
            return stages == null ? null : v.build(at, () -> new LoadPlan.Stages(stages));
        }
        JsonNode a = n.path("arrival");
        String arrivalAt = Pointers.child(at, "arrival");
        List<LoadPlan.RateStage> stages = v.list(a.path("stages"), Pointers.child(arrivalAt, "stages"), (s, sAt) ->
                v.build(sAt, () -> new LoadPlan.RateStage(s.path("rate_per_second").doubleValue(),
                        s.path("over_seconds").longValue())));
        return stages == null ? null : v.build(arrivalAt, () -> new LoadPlan.Arrival(
                a.path("start_rate_per_second").asDouble(0), stages, a.path("pre_allocated_users").asInt(0),
                a.path("max_users").intValue()));
    }

    /** The {@code load} object of a staged or open plan, every default spelled out. */
    static ObjectNode write(LoadPlan plan, Function<Double, JsonNode> number) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode load = nodes.objectNode();
        if (plan instanceof LoadPlan.Stages staged) {
            ArrayNode stages = load.putArray("stages");
            staged.stages().forEach(s -> stages.addObject().put("users", s.users()).put("over_seconds", s.overSeconds()));
        } else if (plan instanceof LoadPlan.Arrival open) {
            ObjectNode arrival = load.putObject("arrival");
            arrival.set("start_rate_per_second", number.apply(open.startRatePerSecond()));
            ArrayNode stages = arrival.putArray("stages");
            open.stages().forEach(s -> {
                ObjectNode stage = stages.addObject();
                stage.set("rate_per_second", number.apply(s.ratePerSecond()));
                stage.put("over_seconds", s.overSeconds());
            });
            arrival.put("pre_allocated_users", open.preAllocatedUsers());
            arrival.put("max_users", open.maxUsers());
        } else {
            throw new IllegalArgumentException("the shorthand is written as users, hatch_rate and duration, not as load");
        }
        return load;
    }
}
