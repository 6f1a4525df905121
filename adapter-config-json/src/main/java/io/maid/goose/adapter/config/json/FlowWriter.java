package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.Expectation;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.NamedTemplate;
import io.maid.goose.domain.flow.ThinkTime;

import java.util.List;

/**
 * Writes the flow parts of a config: transactions with their templated requests, extractors and checks,
 * think times and data feeders. Templates are written as the text they were parsed from. A Java check or
 * extractor ({@link Check.Custom}, {@link Extractor.Custom}) has no JSON form and is refused.
 */
final class FlowWriter {
    /** Whole numbers below this are written without a fraction ({@code 50}, not {@code 50.0}). */
    private static final double EXACT_WHOLE_LIMIT = 1e15;

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /**
     * @param where names the transaction for an error, such as {@code transaction 'login' of scenario 'shop'}
     * @throws IllegalArgumentException when it holds a Java check or extractor
     */
    ObjectNode transaction(Transaction t, String where) {
        ObjectNode n = nodes.objectNode();
        n.put("name", t.name());
        n.put("weight", t.weight());
        if (t.feed() != null) {
            n.put("feed", t.feed());
        }
        n.set("request", request(t.http()));
        ArrayNode extract = n.putArray("extract");
        t.extract().forEach(e -> extract.add(extractor(e, where)));
        ArrayNode checks = n.putArray("checks");
        t.checks().forEach(c -> checks.add(check(c, where)));
        if (t.thinkTime() != null) {
            n.set("think_time_seconds", thinkTime(t.thinkTime()));
        }
        return n;
    }

    /** A fixed pause as its number of seconds; a range as {@code {"min", "max"}}. */
    JsonNode thinkTime(ThinkTime t) {
        if (t.isFixed()) {
            return number(t.minSeconds());
        }
        ObjectNode range = nodes.objectNode();
        range.set("min", number(t.minSeconds()));
        range.set("max", number(t.maxSeconds()));
        return range;
    }

    ObjectNode feeder(DataFeeder f) {
        ObjectNode n = nodes.objectNode();
        n.put("name", f.name());
        switch (f.source()) {
            case FeedSource.CsvFile csv -> n.put("csv", csv.path());
            case FeedSource.Rows rows -> {
                ArrayNode array = n.putArray("rows");
                for (List<String> values : rows.rows()) {
                    ObjectNode row = array.addObject();
                    for (int i = 0; i < values.size(); i++) {
                        row.put(rows.columns().get(i), values.get(i));
                    }
                }
            }
        }
        n.put("strategy", f.strategy().wireName());
        n.put("on_exhausted", f.onExhausted().wireName());
        return n;
    }

    JsonNode number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < EXACT_WHOLE_LIMIT) {
            return nodes.numberNode((long) value);
        }
        return nodes.numberNode(value);
    }

    private ObjectNode request(HttpStep r) {
        ObjectNode n = nodes.objectNode();
        n.put("method", r.method().name());
        n.put("path", r.path().text());
        n.set("headers", named(r.headers()));
        n.set("query", named(r.query()));
        if (r.body() != null) {
            n.put("body", r.body().text());
        }
        n.put("allow_redirects", r.allowRedirects());
        if (!r.expectStatus().isEmpty()) {
            ArrayNode codes = n.putArray("expect_status");
            r.expectStatus().forEach(codes::add);
        }
        return n;
    }

    private ArrayNode named(List<NamedTemplate> pairs) {
        ArrayNode array = nodes.arrayNode();
        for (NamedTemplate pair : pairs) {
            array.addObject().put("name", pair.name()).put("value", pair.value().text());
        }
        return array;
    }

    private ObjectNode extractor(Extractor e, String where) {
        ObjectNode n = nodes.objectNode();
        n.put("var", e.var());
        switch (e) {
            case Extractor.JsonValue j -> n.put("json", j.pointer());
            case Extractor.RegexMatch r -> n.put("regex", r.regex()).put("group", r.group());
            case Extractor.HeaderValue h -> n.put("header", h.header());
            case Extractor.CookieValue c -> n.put("cookie", c.cookie());
            case Extractor.Custom c -> throw new IllegalArgumentException("the config cannot be encoded as JSON: " + where
                    + " has the Java extractor '" + c.name() + "' (of variable '" + c.var()
                    + "'), which has no JSON form; only configs without Extractor.custom can be encoded");
        }
        if (e.defaultValue() != null) {
            n.put("default", e.defaultValue());
        }
        return n;
    }

    private ObjectNode check(Check c, String where) {
        ObjectNode n = nodes.objectNode();
        switch (c) {
            case Check.Status s -> {
                ArrayNode codes = n.putArray("status");
                s.codes().forEach(codes::add);
            }
            case Check.BodyContains b -> n.put("body_contains", b.text().text());
            case Check.BodyMatches b -> n.put("body_matches", b.regex());
            case Check.Json j -> expectation(n.put("json", j.pointer()), j.expect());
            case Check.Header h -> expectation(n.put("header", h.header()), h.expect());
            case Check.MaxLatency m -> n.set("max_latency_ms", number(m.ms()));
            case Check.Custom custom -> throw new IllegalArgumentException("the config cannot be encoded as JSON: " + where
                    + " has the Java check '" + custom.name() + "', which has no JSON form; only configs without"
                    + " Check.custom can be encoded");
        }
        if (c.name() != null) {
            n.put("name", c.name());
        }
        return n;
    }

    private static void expectation(ObjectNode n, Expectation e) {
        switch (e) {
            case Expectation.Exists x -> n.put("exists", true);
            case Expectation.Equals x -> n.put("equals", x.value().text());
            case Expectation.Matches x -> n.put("matches", x.regex());
        }
    }
}
