package io.maid.goose.testkit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.Expectation;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.FeedStrategy;
import io.maid.goose.domain.flow.OnExhausted;
import io.maid.goose.domain.flow.Template;
import io.maid.goose.domain.flow.ThinkTime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The wire forms of the flow types that do not map field for field onto a record: a think time (a number or
 * {@code {"min", "max"}}), a feeder (its source flattened into {@code csv} or {@code rows}, rows as objects),
 * an extractor and a check (each of exactly one kind, named by which property it has). The fake codec binds
 * everything else by the records themselves. A problem is thrown with its path inside the value, so that the
 * codec reports it at its pointer.
 */
final class FlowWireForms {
    private static final List<String> SOURCES = List.of("json", "regex", "header", "cookie");
    private static final List<String> KINDS = List.of("status", "body_contains", "body_matches", "json", "header", "max_latency_ms");
    private static final List<String> EXPECTATIONS = List.of("exists", "equals", "matches");

    private FlowWireForms() {
    }

    /** The types whose wire form is written here; the fake's unknown-property walk leaves them to these readers. */
    static final Set<Class<?>> TYPES = Set.of(ThinkTime.class, DataFeeder.class, Extractor.class, Check.class,
            LoadPlan.class);

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("goose-flows");
        m.addDeserializer(ThinkTime.class, reader(FlowWireForms::thinkTime));
        m.addDeserializer(DataFeeder.class, reader(FlowWireForms::feeder));
        m.addDeserializer(Extractor.class, reader(FlowWireForms::extractor));
        m.addDeserializer(Check.class, reader(FlowWireForms::check));
        m.addSerializer(ThinkTime.class, writer(FlowWireForms::write));
        m.addSerializer(DataFeeder.class, writer(FlowWireForms::write));
        m.addSerializer(Extractor.class, writer(FlowWireForms::write));
        m.addSerializer(Check.class, writer(FlowWireForms::write));
        m.addDeserializer(LoadPlan.class, reader(LoadWireForm::read));
        m.addSerializer(LoadPlan.class, writer(LoadWireForm::write));
        return m;
    }

    /** A problem at {@code field} (a path such as {@code rows/1}) inside the value being read. */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;

        Problem(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    interface Read<T> {
        T from(JsonNode n);
    }

    static <T> JsonDeserializer<T> reader(Read<T> read) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonNode n = ctxt.readTree(p);
                try {
                    return read.from(n);
                } catch (Problem e) {
                    throw at(p, e.field, e.getMessage());
                } catch (ConfigException e) {
                    throw at(p, e.field(), e.reason());
                }
            }
        };
    }

    private static JsonMappingException at(JsonParser p, String field, String message) {
        JsonMappingException e = JsonMappingException.from(p, message);
        String[] steps = field.isEmpty() ? new String[0] : field.split("/");
        for (int i = steps.length - 1; i >= 0; i--) {
            e.prependPath(steps[i].matches("\\d+") ? new JsonMappingException.Reference(null, Integer.parseInt(steps[i]))
                    : new JsonMappingException.Reference(null, steps[i]));
        }
        return e;
    }

    static <T> JsonSerializer<T> writer(Function<T, Object> form) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
                provider.defaultSerializeValue(form.apply(value), g);
            }
        };
    }

    private static ThinkTime thinkTime(JsonNode n) {
        if (n.isNumber()) {
            return ThinkTime.fixed(n.doubleValue());
        }
        if (!n.isObject()) {
            throw new Problem("", "must be a number of seconds or an object with min and max");
        }
        known(n, List.of("min", "max"));
        return ThinkTime.between(number(n, "min"), number(n, "max"));
    }

    private static DataFeeder feeder(JsonNode n) {
        known(n, List.of("name", "csv", "rows", "strategy", "on_exhausted"));
        if (n.has("csv") == n.has("rows")) {
            throw new Problem("", n.has("csv") ? "has both csv and rows" : "needs csv or rows");
        }
        FeedSource source = n.has("csv") ? new FeedSource.CsvFile(text(n, "csv")) : rows(n.get("rows"));
        return new DataFeeder(text(n, "name"), source, n.has("strategy") ? FeedStrategy.fromWire(text(n, "strategy")) : null,
                n.has("on_exhausted") ? OnExhausted.fromWire(text(n, "on_exhausted")) : null);
    }

    private static FeedSource.Rows rows(JsonNode array) {
        if (!array.isArray() || array.isEmpty() || !array.get(0).isObject()) {
            throw new Problem("rows", "must be a list of objects, one per row");
        }
        List<String> columns = new ArrayList<>();
        array.get(0).fieldNames().forEachRemaining(columns::add);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode row = array.get(i);
            Set<String> keys = new LinkedHashSet<>();
            row.fieldNames().forEachRemaining(keys::add);
            if (!keys.equals(Set.copyOf(columns))) {
                throw new Problem("rows/" + i, "must have the keys of the first row " + columns);
            }
            List<String> values = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = row.get(c);
                if (!v.isValueNode() || v.isNull()) {
                    throw new Problem("rows/" + i + "/" + c, "must be a string, a number or a boolean");
                }
                values.add(v.asText());
            }
            rows.add(values);
        }
        return new FeedSource.Rows(columns, rows);
    }

    private static Extractor extractor(JsonNode n) {
        known(n, List.of("var", "json", "regex", "group", "header", "cookie", "default"));
        String source = one(n, SOURCES, "an extractor takes exactly one of json, regex, header or cookie");
        if (n.has("group") && !source.equals("regex")) {
            throw new Problem("group", "applies only to a regex extractor");
        }
        String var = text(n, "var");
        String value = text(n, source);
        String fallback = n.has("default") ? text(n, "default") : null;
        return switch (source) {
            case "json" -> new Extractor.JsonValue(var, value, fallback);
            case "regex" -> new Extractor.RegexMatch(var, value, n.has("group") ? integer(n, "group") : groupOf(value), fallback);
            case "header" -> new Extractor.HeaderValue(var, value, fallback);
            default -> new Extractor.CookieValue(var, value, fallback);
        };
    }

    private static int groupOf(String regex) {
        try {
            return Pattern.compile(regex).matcher("").groupCount() > 0 ? 1 : 0;
        } catch (PatternSyntaxException e) {
            return 0;
        }
    }

    private static Check check(JsonNode n) {
        known(n, List.of("name", "status", "body_contains", "body_matches", "json", "header", "exists", "equals", "matches",
                "max_latency_ms"));
        String kind = one(n, KINDS, "a check is exactly one of " + String.join(", ", KINDS));
        String name = n.has("name") ? text(n, "name") : null;
        if (!kind.equals("json") && !kind.equals("header")) {
            EXPECTATIONS.stream().filter(n::has).findFirst().ifPresent(e -> {
                throw new Problem(e, "applies only to a json or header check");
            });
        }
        return switch (kind) {
            case "status" -> new Check.Status(name, integers(n, "status"));
            case "body_contains" -> new Check.BodyContains(name, template(n, "body_contains"));
            case "body_matches" -> new Check.BodyMatches(name, text(n, "body_matches"));
            case "max_latency_ms" -> new Check.MaxLatency(name, number(n, "max_latency_ms"));
            case "json" -> new Check.Json(name, text(n, "json"), expectation(n));
            default -> new Check.Header(name, text(n, "header"), expectation(n));
        };
    }

    private static Expectation expectation(JsonNode n) {
        return switch (one(n, EXPECTATIONS, "takes exactly one of exists, equals or matches")) {
            case "exists" -> {
                if (!n.get("exists").isBoolean() || !n.get("exists").booleanValue()) {
                    throw new Problem("exists", "must be true");
                }
                yield Expectation.EXISTS;
            }
            case "equals" -> new Expectation.Equals(template(n, "equals"));
            default -> new Expectation.Matches(text(n, "matches"));
        };
    }

    /** A fixed think time as its seconds; everything else as an object of its wire properties. */
    private static Object write(Object value) {
        Map<String, Object> w = new java.util.LinkedHashMap<>();
        switch (value) {
            case ThinkTime t when t.isFixed() -> {
                return t.minSeconds();
            }
            case ThinkTime t -> {
                w.put("min", t.minSeconds());
                w.put("max", t.maxSeconds());
            }
            case DataFeeder f -> {
                w.put("name", f.name());
                switch (f.source()) {
                    case FeedSource.CsvFile csv -> w.put("csv", csv.path());
                    case FeedSource.Rows rows -> w.put("rows", rows.rows().stream().map(r -> {
                        Map<String, String> row = new java.util.LinkedHashMap<>();
                        for (int i = 0; i < r.size(); i++) {
                            row.put(rows.columns().get(i), r.get(i));
                        }
                        return row;
                    }).toList());
                }
                w.put("strategy", f.strategy().wireName());
                w.put("on_exhausted", f.onExhausted().wireName());
            }
            case Extractor e -> {
                w.put("var", e.var());
                switch (e) {
                    case Extractor.JsonValue j -> w.put("json", j.pointer());
                    case Extractor.RegexMatch r -> {
                        w.put("regex", r.regex());
                        w.put("group", r.group());
                    }
                    case Extractor.HeaderValue h -> w.put("header", h.header());
                    case Extractor.CookieValue c -> w.put("cookie", c.cookie());
                    case Extractor.Custom c -> throw new IllegalArgumentException("a Java extractor has no JSON form");
                }
                if (e.defaultValue() != null) {
                    w.put("default", e.defaultValue());
                }
            }
            case Check c -> {
                switch (c) {
                    case Check.Status s -> w.put("status", s.codes());
                    case Check.BodyContains b -> w.put("body_contains", b.text().text());
                    case Check.BodyMatches b -> w.put("body_matches", b.regex());
                    case Check.Json j -> expectation(w, "json", j.pointer(), j.expect());
                    case Check.Header h -> expectation(w, "header", h.header(), h.expect());
                    case Check.MaxLatency m -> w.put("max_latency_ms", m.ms());
                    case Check.Custom x -> throw new IllegalArgumentException("a Java check has no JSON form");
                }
                if (c.name() != null) {
                    w.put("name", c.name());
                }
            }
            default -> throw new IllegalArgumentException("no wire form for " + value.getClass());
        }
        return w;
    }

    private static void expectation(Map<String, Object> w, String kind, String subject, Expectation e) {
        w.put(kind, subject);
        switch (e) {
            case Expectation.Exists x -> w.put("exists", true);
            case Expectation.Equals x -> w.put("equals", x.value().text());
            case Expectation.Matches x -> w.put("matches", x.regex());
        }
    }

    static void known(JsonNode n, List<String> names) {
        if (!n.isObject()) {
            throw new Problem("", "must be an object");
        }
        n.fieldNames().forEachRemaining(name -> {
            if (!names.contains(name)) {
                throw new Problem(name, "is not a known property");
            }
        });
    }

    private static String one(JsonNode n, List<String> names, String rule) {
        List<String> present = names.stream().filter(n::has).toList();
        if (present.size() != 1) {
            throw new Problem("", (present.isEmpty() ? "has none" : "has " + present) + "; " + rule);
        }
        return present.get(0);
    }

    static String text(JsonNode n, String field) {
        if (!n.path(field).isTextual()) {
            throw new Problem(field, n.has(field) ? "must be a string" : "is required");
        }
        return n.get(field).textValue();
    }

    private static Template template(JsonNode n, String field) {
        try {
            return Template.parse(text(n, field));
        } catch (ConfigException e) {
            throw new Problem(field, e.reason());
        }
    }

    static double number(JsonNode n, String field) {
        if (!n.path(field).isNumber()) {
            throw new Problem(field, n.has(field) ? "must be a number" : "is required");
        }
        return n.get(field).doubleValue();
    }

    static int integer(JsonNode n, String field) {
        if (!n.path(field).canConvertToInt() || !n.get(field).isIntegralNumber()) {
            throw new Problem(field, "must be an integer");
        }
        return n.get(field).intValue();
    }

    private static List<Integer> integers(JsonNode n, String field) {
        if (!n.path(field).isArray()) {
            throw new Problem(field, "must be an array");
        }
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < n.get(field).size(); i++) {
            JsonNode v = n.get(field).get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new Problem(field + "/" + i, "must be an integer");
            }
            values.add(v.intValue());
        }
        return values;
    }
}
