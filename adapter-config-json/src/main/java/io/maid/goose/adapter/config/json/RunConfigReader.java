package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.PluginHints;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunDuration;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.SchedulerKind;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.domain.Transaction;
import io.maid.goose.ports.out.DecodeResult;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Maps a config tree that already conforms to the schema onto the domain records. The records' compact
 * constructors enforce the rules a schema cannot (unique names, a URL with a host); each
 * {@link ConfigException} is turned into a violation whose pointer is the record's own pointer followed by
 * the exception's relative field. Sibling records are still built after one fails, so that every problem
 * the domain can find is reported at once.
 */
final class RunConfigReader {
    private static final String TAGS = "tags";
    private static final String RECIPE_PROMPT = "mistral_recipe_prompt";

    private final List<ConfigViolation> violations = new ArrayList<>();

    private RunConfigReader() {
    }

    static DecodeResult read(JsonNode config, String pointer) {
        RunConfigReader reader = new RunConfigReader();
        RunConfig result = reader.config(config, pointer);
        if (result == null || !reader.violations.isEmpty()) {
            return new DecodeResult.Invalid(reader.violations);
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
        RunDuration duration = build(durationAt, () -> new RunDuration(n.path("duration").path("seconds").longValue()));
        List<Scenario> scenarios = list(n.path("scenarios"), Pointers.child(at, "scenarios"), this::scenario);
        SchedulerKind scheduler = n.has("scheduler")
                ? build(at, () -> SchedulerKind.fromWire(n.get("scheduler").textValue()))
                : SchedulerKind.ROUND_ROBIN;
        ReportsSpec reports = n.has("reports") ? reports(n.get("reports"), Pointers.child(at, "reports")) : ReportsSpec.all();
        PluginHints hints = n.has("plugin_hints") ? hints(n.get("plugin_hints"), Pointers.child(at, "plugin_hints")) : PluginHints.none();
        TlsSpec tls = n.has("tls") ? tls(n.get("tls"), Pointers.child(at, "tls")) : TlsSpec.defaults();
        if (target == null || duration == null || scenarios == null || scheduler == null || reports == null
                || hints == null || tls == null) {
            return null;
        }
        double thinkTime = n.path("think_time_seconds").asDouble(0);
        double timeout = n.path("request_timeout_seconds").asDouble(RunConfig.DEFAULT_REQUEST_TIMEOUT_SECONDS);
        Double cap = n.has("throughput_cap_rps") ? n.get("throughput_cap_rps").doubleValue() : null;
        long maxResponseBytes = n.path("max_response_bytes").asLong(RunConfig.DEFAULT_MAX_RESPONSE_BYTES);
        return build(at, () -> new RunConfig(target, n.path("users").intValue(), n.path("hatch_rate").doubleValue(),
                duration, io.maid.goose.domain.flow.ThinkTime.fixed(thinkTime), scenarios, scheduler, reports, hints, tls, timeout,
                cap, maxResponseBytes, List.of(), RunConfig.DEFAULT_MAX_CAPTURE_BYTES));
    }

    private URI target(String text, String at) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            violations.add(new ConfigViolation(at, Pointers.label(at) + ": is not a valid URL (" + e.getReason() + ")"));
            return null;
        }
    }

    private Scenario scenario(JsonNode n, String at) {
        List<Transaction> transactions = list(n.path("transactions"), Pointers.child(at, "transactions"), this::transaction);
        if (transactions == null) {
            return null;
        }
        return build(at, () -> new Scenario(n.path("name").textValue(), n.path("weight").asInt(1), transactions));
    }

    private Transaction transaction(JsonNode n, String at) {
        RequestSpec request = request(n.path("request"), Pointers.child(at, "request"));
        if (request == null) {
            return null;
        }
        return build(at, () -> new Transaction(n.path("name").textValue(), n.path("weight").asInt(1), request));
    }

    private RequestSpec request(JsonNode n, String at) {
        List<NameValue> headers = list(n.path("headers"), Pointers.child(at, "headers"), this::nameValue);
        List<NameValue> query = list(n.path("query"), Pointers.child(at, "query"), this::nameValue);
        if (headers == null || query == null) {
            return null;
        }
        List<Integer> expectStatus = new ArrayList<>();
        n.path("expect_status").forEach(code -> expectStatus.add(code.intValue()));
        String body = n.has("body") ? n.get("body").textValue() : null;
        return build(at, () -> new RequestSpec(HttpMethod.valueOf(n.path("method").textValue()), n.path("path").textValue(),
                headers, query, body, n.path("allow_redirects").asBoolean(false), expectStatus));
    }

    private NameValue nameValue(JsonNode n, String at) {
        return build(at, () -> new NameValue(n.path("name").textValue(), n.path("value").textValue()));
    }

    private ReportsSpec reports(JsonNode n, String at) {
        if (!n.has("formats")) {
            return ReportsSpec.all();
        }
        List<ReportFormat> formats = new ArrayList<>();
        n.get("formats").forEach(format -> formats.add(build(at, () -> ReportFormat.fromWire(format.textValue()))));
        if (formats.contains(null)) {
            return null;
        }
        return build(at, () -> new ReportsSpec(formats));
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
        return build(at, () -> new PluginHints(tags, prompt, extra));
    }

    private TlsSpec tls(JsonNode n, String at) {
        String caBundle = n.has("ca_bundle") ? n.get("ca_bundle").textValue() : null;
        return build(at, () -> new TlsSpec(n.path("verify").asBoolean(true), caBundle));
    }

    private <T> List<T> list(JsonNode array, String at, BiFunction<JsonNode, String, T> element) {
        List<T> result = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < array.size(); i++) {
            T value = element.apply(array.get(i), Pointers.child(at, i));
            complete &= value != null;
            result.add(value);
        }
        return complete ? result : null;
    }

    /** Runs a record constructor; a broken rule becomes a violation below {@code at} and the result null. */
    private <T> T build(String at, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ConfigException e) {
            String pointer = e.field().isEmpty() ? at : at + "/" + e.field();
            violations.add(new ConfigViolation(pointer, Pointers.label(pointer) + ": " + e.reason()));
            return null;
        }
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
