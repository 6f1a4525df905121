package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.PluginHints;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.Distribution;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunDuration;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.SchedulerKind;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FlowRules;
import io.maid.goose.domain.flow.OnFailure;
import io.maid.goose.domain.flow.ThinkTime;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.ports.out.DecodeResult;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a config tree that already conforms to the schema onto the domain records. The records' compact
 * constructors enforce the rules a schema cannot (unique names, a URL with a host, a regex that compiles, a
 * template that parses); each {@link ConfigException} is turned into a violation whose pointer is the record's
 * own pointer followed by the exception's relative field. Sibling records are still built after one fails, and
 * the whole-flow rules ({@link FlowRules}: a variable nothing sets, a feed naming no feeder) are checked for
 * every scenario that could be built, so that every problem the domain can find is reported at once.
 */
final class RunConfigReader {
    private static final String TAGS = "tags";
    private static final String RECIPE_PROMPT = "mistral_recipe_prompt";
    private static final String FIRST_SCENARIO = "scenarios/0";

    private final Violations v = new Violations();
    private final TransactionReader transactions = new TransactionReader(v);
    private final FeederReader feeders = new FeederReader(v);
    private final ThresholdsReader thresholds = new ThresholdsReader(v);

    private RunConfigReader() {
    }

    static DecodeResult read(JsonNode config, String pointer) {
        RunConfigReader reader = new RunConfigReader();
        RunConfig result = reader.config(config, pointer);
        if (result == null || !reader.v.isEmpty()) {
            return new DecodeResult.Invalid(reader.v.found());
        }
        return new DecodeResult.Valid(result);
    }

    /** The known plugin-hint properties; any other property of {@code plugin_hints} is kept as an extra. */
    static boolean isKnownHint(String property) {
        return property.equals(TAGS) || property.equals(RECIPE_PROMPT);
    }

    private RunConfig config(JsonNode n, String at) {
        URI target = target(n.path("target_base_url").asText(), Pointers.child(at, "target_base_url"));
        String durationAt = Pointers.child(at, "duration");
        boolean planned = n.has(LoadReader.LOAD);
        RunDuration duration = planned ? null
                : v.build(durationAt, () -> new RunDuration(n.path("duration").path("seconds").longValue()));
        LoadPlan load = planned ? LoadReader.plan(n.get(LoadReader.LOAD), Pointers.child(at, LoadReader.LOAD), v) : null;
        ThinkTime thinkTime = n.has("think_time_seconds")
                ? transactions.thinkTime(n.get("think_time_seconds"), Pointers.child(at, "think_time_seconds"))
                : ThinkTime.NONE;
        List<DataFeeder> data = v.list(n.path("data"), Pointers.child(at, "data"), feeders::feeder);
        List<Scenario> scenarios = v.each(n.path("scenarios"), Pointers.child(at, "scenarios"), this::scenario);
        boolean flowsSound = flowsSound(scenarios, data, at);
        SchedulerKind scheduler = n.has("scheduler")
                ? v.build(at, () -> SchedulerKind.fromWire(n.get("scheduler").textValue()))
                : SchedulerKind.ROUND_ROBIN;
        ReportsSpec reports = n.has("reports") ? reports(n.get("reports"), Pointers.child(at, "reports")) : ReportsSpec.all();
        PluginHints hints = n.has("plugin_hints") ? hints(n.get("plugin_hints"), Pointers.child(at, "plugin_hints")) : PluginHints.none();
        TlsSpec tls = n.has("tls") ? tls(n.get("tls"), Pointers.child(at, "tls")) : TlsSpec.defaults();
        Distribution distribution = n.has("distribution")
                ? distribution(n.get("distribution"), Pointers.child(at, "distribution")) : null;
        List<Threshold> rules = scenarios.contains(null) ? null
                : thresholds.thresholds(n, at, scenarios);
        if (target == null || (planned ? load == null : duration == null) || thinkTime == null || data == null
                || scenarios.contains(null) || !flowsSound || scheduler == null || reports == null || hints == null
                || tls == null || rules == null
                || (n.has("distribution") && distribution == null)) {
            return null;
        }
        double timeout = n.path("request_timeout_seconds").asDouble(RunConfig.DEFAULT_REQUEST_TIMEOUT_SECONDS);
        Double cap = n.has("throughput_cap_rps") ? n.get("throughput_cap_rps").doubleValue() : null;
        long maxResponseBytes = n.path("max_response_bytes").asLong(RunConfig.DEFAULT_MAX_RESPONSE_BYTES);
        int maxCaptureBytes = n.path("max_capture_bytes").asInt(RunConfig.DEFAULT_MAX_CAPTURE_BYTES);
        return v.build(at, () -> new RunConfig(target, n.path("users").intValue(), n.path("hatch_rate").doubleValue(),
                duration, thinkTime, scenarios, scheduler, reports, hints, tls, timeout, cap, maxResponseBytes, data,
                maxCaptureBytes, rules, load, distribution));
    }

    private Distribution distribution(JsonNode n, String at) {
        Integer workers = n.hasNonNull("workers") ? n.get("workers").intValue() : null;
        return v.build(at, () -> new Distribution(workers, n.has("on_worker_lost")
                ? Distribution.OnWorkerLost.fromWire(n.get("on_worker_lost").textValue()) : null));
    }

    /**
     * The whole-flow rules (a variable nothing sets, a feed naming no feeder, duplicate feeder names), every
     * problem reported. Each scenario that could be built is checked on its own, so a broken transaction in
     * one scenario does not hide an unset variable in another; with a feeder that could not be built nothing is
     * checked, since every use of it would be reported falsely.
     *
     * @return whether no rule is broken
     */
    private boolean flowsSound(List<Scenario> scenarios, List<DataFeeder> data, String at) {
        if (data == null) {
            return false;
        }
        List<ConfigException> problems = new ArrayList<>(FlowRules.problems(List.of(), data));
        for (int i = 0; i < scenarios.size(); i++) {
            if (scenarios.get(i) == null) {
                continue;
            }
            for (ConfigException p : FlowRules.problems(List.of(scenarios.get(i)), data)) {
                if (p.field().startsWith(FIRST_SCENARIO + "/")) {
                    problems.add(new ConfigException("scenarios/" + i + p.field().substring(FIRST_SCENARIO.length()), p.reason()));
                }
            }
        }
        problems.forEach(p -> v.add(at, p));
        return problems.isEmpty();
    }

    private URI target(String text, String at) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            v.add(at, "is not a valid URL (" + e.getReason() + ")");
            return null;
        }
    }

    private Scenario scenario(JsonNode n, String at) {
        List<Transaction> onStart = v.list(n.path("on_start"), Pointers.child(at, "on_start"), transactions::transaction);
        List<Transaction> iteration = v.list(n.path("transactions"), Pointers.child(at, "transactions"), transactions::transaction);
        List<Transaction> onStop = v.list(n.path("on_stop"), Pointers.child(at, "on_stop"), transactions::transaction);
        OnFailure onFailure = n.has("on_failure") ? v.build(at, () -> OnFailure.fromWire(n.get("on_failure").textValue()))
                : OnFailure.CONTINUE;
        if (onStart == null || iteration == null || onStop == null || onFailure == null) {
            return null;
        }
        return v.build(at, () -> new Scenario(n.path("name").textValue(), n.path("weight").asInt(1), onStart, iteration,
                onStop, onFailure));
    }

    private ReportsSpec reports(JsonNode n, String at) {
        if (!n.has("formats")) {
            return ReportsSpec.all();
        }
        List<ReportFormat> formats = new ArrayList<>();
        n.get("formats").forEach(format -> formats.add(v.build(at, () -> ReportFormat.fromWire(format.textValue()))));
        if (formats.contains(null)) {
            return null;
        }
        return v.build(at, () -> new ReportsSpec(formats));
    }

    private PluginHints hints(JsonNode n, String at) {
        List<String> tags = new ArrayList<>();
        n.path(TAGS).forEach(tag -> tags.add(tag.textValue()));
        String prompt = n.has(RECIPE_PROMPT) ? n.get(RECIPE_PROMPT).textValue() : null;
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : n.properties()) {
            if (!isKnownHint(field.getKey())) {
                extra.put(field.getKey(), plain(field.getValue()));
            }
        }
        return v.build(at, () -> new PluginHints(tags, prompt, extra));
    }

    private TlsSpec tls(JsonNode n, String at) {
        String caBundle = n.has("ca_bundle") ? n.get("ca_bundle").textValue() : null;
        return v.build(at, () -> new TlsSpec(n.path("verify").asBoolean(true), caBundle));
    }

    /**
     * A JSON value as a plain Java value for {@link PluginHints#extra()}: maps, lists, strings, booleans,
     * null, and numbers as Integer, Long or BigInteger when whole, else Double when that is exact, else
     * BigDecimal, so that nothing is rounded on the way through.
     */
    private static Object plain(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    map.put(field.getKey(), plain(field.getValue()));
                }
                yield Collections.unmodifiableMap(map);
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                node.forEach(element -> list.add(plain(element)));
                yield Collections.unmodifiableList(list);
            }
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    yield node.numberValue();
                }
                BigDecimal exact = node.decimalValue();
                double approximate = exact.doubleValue();
                yield Double.isFinite(approximate) && new BigDecimal(Double.toString(approximate)).compareTo(exact) == 0
                        ? (Object) approximate : exact;
            }
            default -> null;
        };
    }
}
