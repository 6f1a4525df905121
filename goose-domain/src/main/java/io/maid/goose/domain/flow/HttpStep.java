package io.maid.goose.domain.flow;

import io.maid.goose.domain.Checks;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An HTTP request as configured, with {@link Template}s in the path, the query values, the header values
 * and the body ({@code request} of a transaction). Sent relative to the run's {@code target_base_url}.
 *
 * <p>The path's literal start must be {@code /}, and its literal text holds no space or control
 * character; what a variable renders into the path is percent-encoded by the engine, so a rendered path can
 * never name another host. Query values are encoded by the transport as for a constant request.
 *
 * @param method         the request method
 * @param path           the path template, starting with {@code /}
 * @param headers        headers, in order
 * @param query          query parameters, in order
 * @param body           the body template, or {@code null} for none
 * @param allowRedirects whether redirects are followed (default false)
 * @param expectStatus   the codes that count as success; empty means any 2xx or 3xx
 */
public record HttpStep(HttpMethod method, Template path, List<NamedTemplate> headers, List<NamedTemplate> query,
                       Template body, boolean allowRedirects, List<Integer> expectStatus) implements Step {
    public HttpStep {
        Checks.required("method", method);
        Checks.required("path", path);
        List<Template.Part> parts = path.parts();
        if (parts.isEmpty() || !(parts.get(0) instanceof Template.Part.Literal first) || !first.text().startsWith("/")) {
            throw new ConfigException("path", "must start with '/', was '" + path.text() + "'");
        }
        for (Template.Part p : parts) {
            if (p instanceof Template.Part.Literal l && l.text().chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new ConfigException("path", "must not contain spaces or control characters");
            }
        }
        headers = Checks.copy("headers", headers);
        query = Checks.copy("query", query);
        expectStatus = Checks.copy("expect_status", expectStatus);
        for (int i = 0; i < expectStatus.size(); i++) {
            Checks.range("expect_status/" + i, expectStatus.get(i), 100, 599);
        }
    }

    /**
     * The step of a request written in code; its strings are parsed as templates like the JSON form's.
     *
     * @throws ConfigException for a bad template, at the field it is in
     */
    public static HttpStep of(RequestSpec r) {
        List<NamedTemplate> headers = new ArrayList<>();
        for (int i = 0; i < r.headers().size(); i++) {
            headers.add(named("headers/" + i, r.headers().get(i)));
        }
        List<NamedTemplate> query = new ArrayList<>();
        for (int i = 0; i < r.query().size(); i++) {
            query.add(named("query/" + i, r.query().get(i)));
        }
        return new HttpStep(r.method(), Templates.parse("path", r.path()), headers, query,
                r.body() == null ? null : Templates.parse("body", r.body()), r.allowRedirects(), r.expectStatus());
    }

    private static NamedTemplate named(String at, NameValue nv) {
        try {
            return NamedTemplate.of(nv.name(), nv.value());
        } catch (ConfigException e) {
            throw e.within(at);
        }
    }

    @Override
    public boolean isConstant() {
        return path.isConstant() && (body == null || body.isConstant())
                && headers.stream().allMatch(h -> h.value().isConstant())
                && query.stream().allMatch(q -> q.value().isConstant());
    }

    /**
     * The request this step always sends.
     *
     * @throws IllegalStateException when the step is templated ({@link #isConstant()} is false)
     */
    public RequestSpec constantRequest() {
        if (!isConstant()) {
            throw new IllegalStateException("the request " + method + " " + path + " is templated; render it per user");
        }
        return new RequestSpec(method, path.text(), values(headers), values(query), body == null ? null : body.text(),
                allowRedirects, expectStatus);
    }

    private static List<NameValue> values(List<NamedTemplate> list) {
        List<NameValue> out = new ArrayList<>(list.size());
        for (NamedTemplate t : list) {
            out.add(new NameValue(t.name(), t.value().text()));
        }
        return out;
    }

    @Override
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>(path.variables());
        headers.forEach(h -> names.addAll(h.value().variables()));
        query.forEach(q -> names.addAll(q.value().variables()));
        if (body != null) {
            names.addAll(body.variables());
        }
        return names;
    }

    @Override
    public boolean isSuccess(int status) {
        return RequestSpec.isSuccess(expectStatus, status);
    }

    @Override
    public String keyLabel() {
        return method.name();
    }
}
