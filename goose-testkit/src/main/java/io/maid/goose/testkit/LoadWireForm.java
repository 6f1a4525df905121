package io.maid.goose.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.LoadPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire form of a config's {@code load} for the fake codec: {@code {"stages": [{users, over_seconds}]}} or
 * {@code {"arrival": {start_rate_per_second, stages: [{rate_per_second, over_seconds}], pre_allocated_users,
 * max_users}}}. A problem is thrown with its path inside {@code load}. The shorthand has no {@code load}: the
 * codec leaves the property out when it writes one.
 */
final class LoadWireForm {
    private LoadWireForm() {
    }

    static LoadPlan read(JsonNode n) {
        FlowWireForms.known(n, List.of("stages", "arrival"));
        if (n.has("stages") == n.has("arrival")) {
            throw new FlowWireForms.Problem("", "must hold exactly one of stages or arrival");
        }
        if (n.has("stages")) {
            List<LoadPlan.Stage> stages = new ArrayList<>();
            for (JsonNode s : array(n, "stages", "")) {
                String at = "stages/" + stages.size();
                stages.add(within(at, () -> {
                    FlowWireForms.known(s, List.of("users", "over_seconds"));
                    return new LoadPlan.Stage(FlowWireForms.integer(s, "users"), FlowWireForms.integer(s, "over_seconds"));
                }));
            }
            return new LoadPlan.Stages(stages);
        }
        JsonNode a = n.get("arrival");
        within("arrival", () -> {
            FlowWireForms.known(a, List.of("start_rate_per_second", "stages", "pre_allocated_users", "max_users"));
            return a;
        });
        List<LoadPlan.RateStage> stages = new ArrayList<>();
        for (JsonNode s : array(a, "stages", "arrival/")) {
            String at = "arrival/stages/" + stages.size();
            stages.add(within(at, () -> {
                FlowWireForms.known(s, List.of("rate_per_second", "over_seconds"));
                return new LoadPlan.RateStage(FlowWireForms.number(s, "rate_per_second"), FlowWireForms.integer(s, "over_seconds"));
            }));
        }
        return within("arrival", () -> new LoadPlan.Arrival(
                a.has("start_rate_per_second") ? FlowWireForms.number(a, "start_rate_per_second") : 0, stages,
                a.has("pre_allocated_users") ? FlowWireForms.integer(a, "pre_allocated_users") : 0,
                FlowWireForms.integer(a, "max_users")));
    }

    static Object write(LoadPlan plan) {
        Map<String, Object> w = new LinkedHashMap<>();
        switch (plan) {
            case LoadPlan.Ramp r -> w.put("shorthand", List.of(r.users(), r.hatchRate(), r.maintainSeconds()));
            case LoadPlan.Stages s -> w.put("stages", s.stages().stream()
                    .map(stage -> Map.of("users", stage.users(), "over_seconds", stage.overSeconds())).toList());
            case LoadPlan.Arrival a -> {
                Map<String, Object> arrival = new LinkedHashMap<>();
                arrival.put("start_rate_per_second", a.startRatePerSecond());
                arrival.put("stages", a.stages().stream()
                        .map(stage -> Map.of("rate_per_second", stage.ratePerSecond(), "over_seconds", stage.overSeconds()))
                        .toList());
                arrival.put("pre_allocated_users", a.preAllocatedUsers());
                arrival.put("max_users", a.maxUsers());
                w.put("arrival", arrival);
            }
        }
        return w;
    }

    private static JsonNode array(JsonNode n, String field, String prefix) {
        if (!n.path(field).isArray()) {
            throw new FlowWireForms.Problem(prefix + field, n.has(field) ? "must be an array" : "is required");
        }
        return n.get(field);
    }

    private interface Part<T> {
        T make();
    }

    /** Runs {@code part}, its problems located below {@code at}. */
    private static <T> T within(String at, Part<T> part) {
        try {
            return part.make();
        } catch (FlowWireForms.Problem e) {
            throw new FlowWireForms.Problem(e.field.isEmpty() ? at : at + "/" + e.field, e.getMessage());
        } catch (ConfigException e) {
            throw new FlowWireForms.Problem(e.field().isEmpty() ? at : at + "/" + e.field(), e.reason());
        }
    }
}
