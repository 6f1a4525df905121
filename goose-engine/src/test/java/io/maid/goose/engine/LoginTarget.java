package io.maid.goose.engine;

import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ScriptedTransport.Call;
import io.maid.goose.testkit.ScriptedTransport.Step;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted target with a login: {@code POST /login} with {@code {"user": ..., "password": ...}} issues a
 * token of its own ({@code tok-<user>-<n>}) in {@code {"token": ...}}; {@code GET /profile} answers
 * {@code {"user": ...}} only to {@code Authorization: Bearer <a token it issued>}, else 401; {@code POST
 * /logout} likewise. It counts what it saw, as a real target's own counters would. Thread-safe.
 */
final class LoginTarget implements ScriptedTransport.Script {
    private static final Pattern USER = Pattern.compile("\"user\":\"([^\"]*)\"");
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger profiles = new AtomicInteger();
    final AtomicInteger logouts = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    @Override
    public Step step(Call call) {
        RequestSpec r = call.request();
        switch (r.path()) {
            case "/login" -> {
                Matcher m = USER.matcher(r.body() == null ? "" : r.body());
                if (!m.find()) {
                    refused.incrementAndGet();
                    return ScriptedTransport.respond(400);
                }
                String token = "tok-" + m.group(1) + "-" + logins.incrementAndGet();
                issued.add(token);
                return ScriptedTransport.respond(200).withBody("{\"token\":\"" + token + "\"}");
            }
            case "/profile" -> {
                String user = user(r);
                if (user == null) {
                    return ScriptedTransport.respond(401);
                }
                profiles.incrementAndGet();
                return ScriptedTransport.respond(200).withBody("{\"user\":\"" + user + "\"}");
            }
            case "/logout" -> {
                if (user(r) == null) {
                    return ScriptedTransport.respond(401);
                }
                logouts.incrementAndGet();
                return ScriptedTransport.respond(204);
            }
            default -> {
                return ScriptedTransport.respond(404);
            }
        }
    }

    /** The user of the request's token, or null (and counted as refused) when it is not one this target issued. */
    private String user(RequestSpec r) {
        for (NameValue h : r.headers()) {
            if (h.name().equals("Authorization") && h.value().startsWith("Bearer ")
                    && issued.contains(h.value().substring(7))) {
                String token = h.value().substring(7);
                return token.substring(4, token.lastIndexOf('-'));
            }
        }
        refused.incrementAndGet();
        return null;
    }

    /** The token a request carried, or null. */
    static String token(RequestSpec r) {
        for (NameValue h : r.headers()) {
            if (h.name().equals("Authorization")) {
                return h.value().substring("Bearer ".length());
            }
        }
        return null;
    }
}
