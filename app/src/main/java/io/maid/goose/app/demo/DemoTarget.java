package io.maid.goose.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's in-process target on 127.0.0.1 (a free port). {@code /} answers at once, {@code /slow} after
 * 50 ms, {@code /flaky} fails every 20th request (5%) with 500. A small login: {@code POST /login} with
 * {@code {"user": U, "password": U + "-secret"}} issues a token of its own for that user in
 * {@code {"token": ...}} (401 for a wrong password); {@code GET /profile} answers {@code {"user": U}} only to
 * {@code Authorization: Bearer <a token it issued and has not seen logged out>}, else 401; {@code POST /logout}
 * with such a token ends it (204). It can be told to answer someone else's profile on every n-th
 * {@code /profile} it accepts, so that a check has something to catch.
 *
 * <p>It counts every request it receives, and the logins, logouts, refused tokens and wrong profiles, so the
 * demo and the acceptance tests can show that the engine's counts are the target's own. Thread-safe.
 */
public final class DemoTarget implements AutoCloseable {
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "Bearer ";
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final long wrongProfileEvery;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong flakyCalls = new AtomicLong();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong logouts = new AtomicLong();
    private final AtomicLong refusedTokens = new AtomicLong();
    private final AtomicLong profiles = new AtomicLong();
    private final AtomicLong wrongProfiles = new AtomicLong();

    /** A target whose profiles are always right. */
    public DemoTarget() throws IOException {
        this(0);
    }

    /** @param wrongProfileEvery every n-th accepted {@code /profile} answers another user's profile; 0 for never */
    public DemoTarget(long wrongProfileEvery) throws IOException {
        if (wrongProfileEvery < 0) {
            throw new IllegalArgumentException("wrongProfileEvery must be 0 (never) or positive: " + wrongProfileEvery);
        }
        this.wrongProfileEvery = wrongProfileEvery;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        received.incrementAndGet();
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Answer a = switch (ex.getRequestURI().getPath()) {
                case "/" -> Answer.text(200);
                case "/slow" -> {
                    pause(50);
                    yield Answer.text(200);
                }
                case "/flaky" -> Answer.text(flakyCalls.incrementAndGet() % 20 == 0 ? 500 : 200);
                case "/login" -> login(ex, body);
                case "/profile" -> profile(ex);
                case "/logout" -> logout(ex);
                default -> Answer.text(404);
            };
            ex.getResponseHeaders().set("Content-Type", a.contentType);
            if (a.body.length == 0) {
                ex.sendResponseHeaders(a.status, -1);
            } else {
                ex.sendResponseHeaders(a.status, a.body.length);
                ex.getResponseBody().write(a.body);
            }
        }
    }

    private Answer login(HttpExchange ex, byte[] body) {
        if (!ex.getRequestMethod().equals("POST")) {
            return Answer.text(405);
        }
        String user;
        String password;
        try {
            JsonNode n = JSON.readTree(body);
            user = n.path("user").asText("");
            password = n.path("password").asText("");
        } catch (IOException e) {
            return Answer.json(400, "{\"error\":\"the body is not JSON\"}");
        }
        if (user.isEmpty() || !password.equals(user + "-secret")) {
            return Answer.json(401, "{\"error\":\"wrong user or password\"}");
        }
        byte[] raw = new byte[18];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        sessions.put(token, user);
        logins.incrementAndGet();
        return Answer.json(200, JSON.createObjectNode().put("token", token).toString());
    }

    private Answer profile(HttpExchange ex) {
        String user = userOf(ex);
        if (user == null) {
            return Answer.json(401, "{\"error\":\"no valid token\"}");
        }
        long n = profiles.incrementAndGet();
        if (wrongProfileEvery > 0 && n % wrongProfileEvery == 0) {
            wrongProfiles.incrementAndGet();
            user = "not-" + user;
        }
        return Answer.json(200, JSON.createObjectNode().put("user", user).toString());
    }

    private Answer logout(HttpExchange ex) {
        String token = tokenOf(ex);
        if (!ex.getRequestMethod().equals("POST") || token == null || sessions.remove(token) == null) {
            refusedTokens.incrementAndGet();
            return Answer.json(401, "{\"error\":\"no valid token\"}");
        }
        logouts.incrementAndGet();
        return new Answer(204, "text/plain", new byte[0]);
    }

    /** The user of the request's token, or null (counted as refused) when it carries none this target issued. */
    private String userOf(HttpExchange ex) {
        String token = tokenOf(ex);
        String user = token == null ? null : sessions.get(token);
        if (user == null) {
            refusedTokens.incrementAndGet();
        }
        return user;
    }

    private static String tokenOf(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        return h != null && h.startsWith(BEARER) ? h.substring(BEARER.length()) : null;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the endpoint's defined latency, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Answer(int status, String contentType, byte[] body) {
        static Answer text(int status) {
            return new Answer(status, "text/plain", OK);
        }

        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests received so far: the target's own count. */
    public long requestsReceived() {
        return received.get();
    }

    /** Tokens issued by {@code /login}. */
    public long logins() {
        return logins.get();
    }

    /** Tokens ended by {@code /logout}. */
    public long logouts() {
        return logouts.get();
    }

    /** {@code /profile} and {@code /logout} requests refused for a missing, unknown or ended token. */
    public long refusedTokens() {
        return refusedTokens.get();
    }

    /** {@code /profile} requests answered (with a valid token). */
    public long profiles() {
        return profiles.get();
    }

    /** {@code /profile} answers that carried another user's profile, on purpose. */
    public long wrongProfiles() {
        return wrongProfiles.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
