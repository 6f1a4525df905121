package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.Expectation;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.NamedTemplate;
import io.maid.goose.domain.flow.Template;
import io.maid.goose.domain.flow.Templates;
import io.maid.goose.domain.flow.ThinkTime;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Maps a schema-valid transaction onto {@link Transaction}: its request with templates parsed once, its
 * extractors and checks (each of exactly one kind, which the schema cannot say), and its think time.
 */
final class TransactionReader {
    private static final List<String> SOURCES = List.of("json", "regex", "header", "cookie");
    private static final List<String> CHECK_KINDS = List.of("status", "body_contains", "body_matches", "json", "header",
            "max_latency_ms");
    private static final List<String> EXPECTATIONS = List.of("exists", "equals", "matches");

    private final Violations v;

    TransactionReader(Violations violations) {
        this.v = violations;
    }

    Transaction transaction(JsonNode n, String at) {
        HttpStep step = request(n.path("request"), Pointers.child(at, "request"));
        List<Extractor> extract = v.list(n.path("extract"), Pointers.child(at, "extract"), this::extractor);
        List<Check> checks = v.list(n.path("checks"), Pointers.child(at, "checks"), this::check);
        ThinkTime thinkTime = null;
        if (n.has("think_time_seconds")) {
            thinkTime = thinkTime(n.get("think_time_seconds"), Pointers.child(at, "think_time_seconds"));
            if (thinkTime == null) {
                return null;
            }
        }
        if (step == null || extract == null || checks == null) {
            return null;
        }
        String feed = n.has("feed") ? n.get("feed").textValue() : null;
        ThinkTime own = thinkTime;
        return v.build(at, () -> new Transaction(n.path("name").textValue(), n.path("weight").asInt(1), step, feed,
                extract, checks, own));
    }

    /** A number of seconds, or {@code {"min", "max"}}. */
    ThinkTime thinkTime(JsonNode n, String at) {
        if (n.isNumber()) {
            return v.build(at, () -> ThinkTime.fixed(n.doubleValue()));
        }
        return v.build(at, () -> ThinkTime.between(n.path("min").doubleValue(), n.path("max").doubleValue()));
    }

    private HttpStep request(JsonNode n, String at) {
        List<NamedTemplate> headers = v.list(n.path("headers"), Pointers.child(at, "headers"), this::named);
        List<NamedTemplate> query = v.list(n.path("query"), Pointers.child(at, "query"), this::named);
        Template path = v.build(at, () -> Templates.parse("path", n.path("path").textValue()));
        Template body = n.has("body") ? v.build(at, () -> Templates.parse("body", n.get("body").textValue())) : null;
        if (headers == null || query == null || path == null || (n.has("body") && body == null)) {
            return null;
        }
        List<Integer> expectStatus = new ArrayList<>();
        n.path("expect_status").forEach(code -> expectStatus.add(code.intValue()));
        return v.build(at, () -> new HttpStep(HttpMethod.valueOf(n.path("method").textValue()), path, headers, query, body,
                n.path("allow_redirects").asBoolean(false), expectStatus));
    }

    private NamedTemplate named(JsonNode n, String at) {
        return v.build(at, () -> NamedTemplate.of(n.path("name").textValue(), n.path("value").textValue()));
    }

    private Extractor extractor(JsonNode n, String at) {
        List<String> sources = present(n, SOURCES);
        if (sources.size() != 1) {
            v.add(at, (sources.isEmpty() ? "has no source" : "has " + joined(sources))
                    + "; an extractor takes its value from exactly one of json, regex, header or cookie");
            return null;
        }
        if (n.has("group") && !sources.get(0).equals("regex")) {
            v.add(Pointers.child(at, "group"), "applies only to a regex extractor");
            return null;
        }
        String var = n.path("var").textValue();
        String fallback = n.has("default") ? n.get("default").textValue() : null;
        String source = n.get(sources.get(0)).textValue();
        return v.build(at, () -> switch (sources.get(0)) {
            case "json" -> new Extractor.JsonValue(var, source, fallback);
            case "regex" -> new Extractor.RegexMatch(var, source,
                    n.has("group") ? n.get("group").intValue() : defaultGroup(source), fallback);
            case "header" -> new Extractor.HeaderValue(var, source, fallback);
            default -> new Extractor.CookieValue(var, source, fallback);
        });
    }

    /** Group 1 when the regex has one, else the whole match; a regex that does not compile is its own violation. */
    private static int defaultGroup(String regex) {
        try {
            return Pattern.compile(regex).matcher("").groupCount() > 0 ? 1 : 0;
        } catch (PatternSyntaxException e) {
            return 0;
        }
    }

    private Check check(JsonNode n, String at) {
        List<String> kinds = present(n, CHECK_KINDS);
        if (kinds.size() != 1) {
            v.add(at, (kinds.isEmpty() ? "has no kind" : "has " + joined(kinds))
                    + "; a check is exactly one of status, body_contains, body_matches, json, header or max_latency_ms");
            return null;
        }
        String kind = kinds.get(0);
        List<String> expectations = present(n, EXPECTATIONS);
        boolean expects = kind.equals("json") || kind.equals("header");
        if (expects && expectations.size() != 1) {
            v.add(at, (expectations.isEmpty() ? "has no expectation" : "has " + joined(expectations))
                    + "; a " + kind + " check takes exactly one of exists, equals or matches");
            return null;
        }
        if (!expects && !expectations.isEmpty()) {
            expectations.forEach(e -> v.add(Pointers.child(at, e), "applies only to a json or header check"));
            return null;
        }
        String name = n.has("name") ? n.get("name").textValue() : null;
        JsonNode value = n.get(kind);
        return switch (kind) {
            case "status" -> {
                List<Integer> codes = new ArrayList<>();
                value.forEach(code -> codes.add(code.intValue()));
                yield v.build(at, () -> new Check.Status(name, codes));
            }
            case "body_contains" -> {
                Template text = v.build(at, () -> Templates.parse("body_contains", value.textValue()));
                yield text == null ? null : v.build(at, () -> new Check.BodyContains(name, text));
            }
            case "body_matches" -> v.build(at, () -> new Check.BodyMatches(name, value.textValue()));
            case "max_latency_ms" -> v.build(at, () -> new Check.MaxLatency(name, value.doubleValue()));
            default -> {
                Expectation expect = expectation(n, expectations.get(0), at);
                yield expect == null ? null : v.build(at, () -> kind.equals("json")
                        ? new Check.Json(name, value.textValue(), expect)
                        : new Check.Header(name, value.textValue(), expect));
            }
        };
    }

    private Expectation expectation(JsonNode n, String which, String at) {
        String text = n.get(which).isTextual() ? n.get(which).textValue() : null;
        return switch (which) {
            case "exists" -> Expectation.EXISTS;
            case "equals" -> v.build(at, () -> new Expectation.Equals(Templates.parse("equals", text)));
            default -> v.build(at, () -> new Expectation.Matches(text));
        };
    }

    private static List<String> present(JsonNode n, List<String> names) {
        return names.stream().filter(n::has).toList();
    }

    /** "a and b", "a, b and c". */
    static String joined(List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
