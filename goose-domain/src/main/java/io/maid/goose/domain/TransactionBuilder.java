package io.maid.goose.domain;

import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.Expectation;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.NamedTemplate;
import io.maid.goose.domain.flow.ResponseFunction;
import io.maid.goose.domain.flow.ResponsePredicate;
import io.maid.goose.domain.flow.ThinkTime;
import io.maid.goose.domain.flow.Templates;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Transaction} in code, with everything the JSON form has ({@link Transaction#builder}):
 *
 * <pre>{@code
 * Transaction login = Transaction.builder("login").post("/login")
 *         .header("Content-Type", "application/json")
 *         .body("{\"user\":\"{{accounts.username}}\",\"password\":\"{{accounts.password}}\"}")
 *         .feed("accounts").extractJson("token", "/token").checkStatus(200).build();
 * }</pre>
 *
 * Strings are parsed as {@link io.maid.goose.domain.flow.Template templates}, like the JSON form's; a bad
 * one is a {@link ConfigException} at its field ({@code request/headers/0/value}) when {@link #build()}
 * runs. The request defaults to {@code GET /}. Not thread-safe; one builder per transaction.
 */
public final class TransactionBuilder {
    private final String name;
    private int weight = 1;
    private HttpMethod method = HttpMethod.GET;
    private String path = "/";
    private final List<String[]> headers = new ArrayList<>();
    private final List<String[]> query = new ArrayList<>();
    private String body;
    private boolean allowRedirects;
    private final List<Integer> expectStatus = new ArrayList<>();
    private String feed;
    private final List<Extractor> extract = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private ThinkTime thinkTime;

    TransactionBuilder(String name) {
        this.name = name;
    }

    public TransactionBuilder request(HttpMethod m, String p) { method = m; path = p; return this; }
    public TransactionBuilder get(String p) { return request(HttpMethod.GET, p); }
    public TransactionBuilder post(String p) { return request(HttpMethod.POST, p); }
    public TransactionBuilder put(String p) { return request(HttpMethod.PUT, p); }
    public TransactionBuilder patch(String p) { return request(HttpMethod.PATCH, p); }
    public TransactionBuilder delete(String p) { return request(HttpMethod.DELETE, p); }
    public TransactionBuilder header(String n, String value) { headers.add(new String[] {n, value}); return this; }
    public TransactionBuilder query(String n, String value) { query.add(new String[] {n, value}); return this; }
    public TransactionBuilder body(String template) { body = template; return this; }
    public TransactionBuilder allowRedirects(boolean allow) { allowRedirects = allow; return this; }

    /** The codes that count as success before any check runs ({@code expect_status}); none: any 2xx or 3xx. */
    public TransactionBuilder expectStatus(int... codes) {
        for (int c : codes) {
            expectStatus.add(c);
        }
        return this;
    }

    /** Runs the transaction {@code n} times in a row. */
    public TransactionBuilder weight(int n) { weight = n; return this; }

    /** Takes one row of the feeder just before each render; its columns become {@code feeder.column}. */
    public TransactionBuilder feed(String feeder) { feed = feeder; return this; }

    public TransactionBuilder extract(Extractor e) { extract.add(e); return this; }
    public TransactionBuilder extractJson(String var, String pointer) { return extract(new Extractor.JsonValue(var, pointer, null)); }
    public TransactionBuilder extractRegex(String var, String regex, int group) {
        return extract(new Extractor.RegexMatch(var, regex, group, null));
    }
    public TransactionBuilder extractHeader(String var, String header) { return extract(new Extractor.HeaderValue(var, header, null)); }
    public TransactionBuilder extractCookie(String var, String cookie) { return extract(new Extractor.CookieValue(var, cookie, null)); }

    /** A Java extractor; it runs on the user's loop and must not block (see {@link ResponseFunction}). */
    public TransactionBuilder extractCustom(String var, String label, boolean readsBody, ResponseFunction fn) {
        return extract(new Extractor.Custom(var, label, fn, readsBody, null));
    }

    public TransactionBuilder check(Check c) { checks.add(c); return this; }
    public TransactionBuilder checkStatus(int... codes) {
        List<Integer> list = new ArrayList<>(codes.length);
        for (int c : codes) {
            list.add(c);
        }
        return check(new Check.Status(null, list));
    }
    public TransactionBuilder checkBodyContains(String template) {
        return check(new Check.BodyContains(null, Templates.parse("body_contains", template)));
    }
    public TransactionBuilder checkBodyMatches(String regex) { return check(new Check.BodyMatches(null, regex)); }
    public TransactionBuilder checkJsonExists(String pointer) { return check(new Check.Json(null, pointer, Expectation.EXISTS)); }
    public TransactionBuilder checkJsonEquals(String pointer, String template) {
        return check(new Check.Json(null, pointer, new Expectation.Equals(Templates.parse("equals", template))));
    }
    public TransactionBuilder checkJsonMatches(String pointer, String regex) {
        return check(new Check.Json(null, pointer, new Expectation.Matches(regex)));
    }
    public TransactionBuilder checkHeaderExists(String header) { return check(new Check.Header(null, header, Expectation.EXISTS)); }
    public TransactionBuilder checkHeaderEquals(String header, String template) {
        return check(new Check.Header(null, header, new Expectation.Equals(Templates.parse("equals", template))));
    }
    public TransactionBuilder checkHeaderMatches(String header, String regex) {
        return check(new Check.Header(null, header, new Expectation.Matches(regex)));
    }
    public TransactionBuilder checkMaxLatencyMs(double ms) { return check(new Check.MaxLatency(null, ms)); }

    /** A Java check; it runs on the user's loop and must not block (see {@link ResponsePredicate}). */
    public TransactionBuilder checkCustom(String label, boolean readsBody, ResponsePredicate predicate) {
        return check(new Check.Custom(label, predicate, readsBody));
    }

    /** The pause after this transaction, replacing the run's. */
    public TransactionBuilder thinkTimeSeconds(double seconds) { thinkTime = ThinkTime.fixed(seconds); return this; }

    /** A pause drawn uniformly from {@code [min, max]} seconds after each run of this transaction. */
    public TransactionBuilder thinkTime(double minSeconds, double maxSeconds) {
        thinkTime = ThinkTime.between(minSeconds, maxSeconds);
        return this;
    }

    /** @throws ConfigException for a bad value, at its field ({@code request/path}, {@code weight}, ...) */
    public Transaction build() {
        HttpStep step;
        try {
            step = new HttpStep(method, Templates.parse("path", path), named("headers", headers), named("query", query),
                    body == null ? null : Templates.parse("body", body), allowRedirects, expectStatus);
        } catch (ConfigException e) {
            throw e.within("request");
        }
        return new Transaction(name, weight, step, feed, extract, checks, thinkTime);
    }

    private static List<NamedTemplate> named(String field, List<String[]> pairs) {
        List<NamedTemplate> out = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            try {
                out.add(NamedTemplate.of(pairs.get(i)[0], pairs.get(i)[1]));
            } catch (ConfigException e) {
                throw e.within(field + "/" + i);
            }
        }
        return out;
    }
}
