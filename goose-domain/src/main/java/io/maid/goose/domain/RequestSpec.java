package io.maid.goose.domain;

import java.util.List;

/**
 * One HTTP request as configured: sent relative to the run's {@code target_base_url}.
 *
 * @param method         the request method
 * @param path           the path, starting with {@code /}; the query goes in {@code query}
 * @param headers        headers sent as given, in order
 * @param query          query parameters, URL-encoded by the transport, in order
 * @param body           the request body, or {@code null} for none
 * @param allowRedirects whether redirects are followed (default false: a 3xx is the measured answer)
 * @param expectStatus   the codes that count as success; empty means any 2xx or 3xx
 */
public record RequestSpec(HttpMethod method, String path, List<NameValue> headers, List<NameValue> query,
                          String body, boolean allowRedirects, List<Integer> expectStatus) {
    public RequestSpec {
        Checks.required("method", method);
        Checks.required("path", path);
        if (!path.startsWith("/")) {
            throw new ConfigException("path", "must start with '/', was '" + path + "'");
        }
        // A loop, not a stream: a templated transaction builds one RequestSpec per send.
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == 0x7f) {
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

    /** A plain request with no headers, query or body. */
    public static RequestSpec of(HttpMethod method, String path) {
        return new RequestSpec(method, path, List.of(), List.of(), null, false, List.of());
    }

    /** Whether {@code status} counts as a success for this request. */
    public boolean isSuccess(int status) {
        return isSuccess(expectStatus, status);
    }

    /** Whether {@code status} is a success under {@code expect_status} {@code expectStatus} (empty: any 2xx or 3xx). */
    public static boolean isSuccess(List<Integer> expectStatus, int status) {
        if (expectStatus.isEmpty()) {
            return status >= 200 && status < 400;
        }
        for (int i = 0; i < expectStatus.size(); i++) {
            if (expectStatus.get(i) == status) {
                return true;
            }
        }
        return false;
    }
}
