package io.maid.goose.adapter.http.helidon;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Registers the API's routes and remembers them, so that whatever matches none is answered with a JSON
 * 404, or 405 with {@code Allow} when the path exists under another method. Route classes add
 * themselves through {@link #get}, {@link #head} and {@link #post}; the fallback goes last.
 */
public final class RouteTable {
    private final HttpRouting.Builder routing;
    private final ApiResponses responses;
    private final List<Known> known = new ArrayList<>();

    RouteTable(HttpRouting.Builder routing, ApiResponses responses) {
        this.routing = routing;
        this.responses = responses;
    }

    public void get(String path, Handler handler) {
        remember(Method.GET, path);
        routing.get(path, handler);
    }

    public void head(String path, Handler handler) {
        remember(Method.HEAD, path);
        routing.head(path, handler);
    }

    public void post(String path, Handler handler) {
        remember(Method.POST, path);
        routing.post(path, handler);
    }

    /** Every route registered, as {@code METHOD path} (path templates as registered), in registration order. */
    public List<String> routes() {
        List<String> out = new ArrayList<>();
        for (Known k : known) {
            for (String m : k.methods) {
                out.add(m + " " + k.template);
            }
        }
        return List.copyOf(out);
    }

    /** Must be called after every route is registered. */
    void installFallback() {
        routing.any(this::fallback);
    }

    private void remember(Method method, String path) {
        for (Known k : known) {
            if (k.template.equals(path)) {
                k.methods.add(method.text());
                return;
            }
        }
        Known k = new Known(path, Pattern.compile(path.replaceAll("\\{[^}/]+}", "[^/]+")), new LinkedHashSet<>());
        k.methods.add(method.text());
        known.add(k);
    }

    private void fallback(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        for (Known k : known) {
            if (k.pattern.matcher(path).matches()) {
                res.header(HeaderNames.ALLOW, String.join(", ", k.methods));
                responses.error(res, 405, "method_not_allowed",
                        req.prologue().method().text() + " is not supported here; use " + String.join(" or ", k.methods));
                return;
            }
        }
        responses.error(res, 404, "not_found", "no such endpoint");
    }

    private record Known(String template, Pattern pattern, Set<String> methods) {
    }
}
