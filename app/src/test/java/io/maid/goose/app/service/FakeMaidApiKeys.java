package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A maid-apikeys stand-in on 127.0.0.1 speaking the wire of /work/shared/PROTOCOLS.md:
 * {@code POST /api/auth/introspect} with {@code {"credential", "kind"}} answers 200
 * {@code {"active", "subject", "scopes", "expires_at"}} from a map the test fills; a credential the map
 * does not hold is answered {@code "active": false}, as the real service answers unknown credentials.
 * Every call's body is recorded.
 */
final class FakeMaidApiKeys implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Grant(String subject, List<String> scopes) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Grant> active = new ConcurrentHashMap<>();
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();

    FakeMaidApiKeys() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on {@code credential} is reported active for {@code subject} with {@code scopes}. */
    void grant(String credential, String subject, String... scopes) {
        active.put(credential, new Grant(subject, List.of(scopes)));
    }

    List<JsonNode> calls() {
        return List.copyOf(calls);
    }

    /** How many calls asked about {@code credential}. */
    long callsFor(String credential) {
        return calls.stream().filter(c -> credential.equals(c.path("credential").asText())).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST") || !ex.getRequestURI().getPath().equals("/api/auth/introspect")) {
                FakeHttp.send(ex, 404, "application/json", "{\"message\":\"not found\"}");
                return;
            }
            JsonNode body;
            try (InputStream in = ex.getRequestBody()) {
                body = JSON.readTree(in);
            } catch (IOException malformed) {
                FakeHttp.send(ex, 400, "text/plain", "malformed body");
                return;
            }
            calls.add(body);
            Grant g = active.get(body.path("credential").asText(""));
            ObjectNode answer = JSON.createObjectNode();
            if (g == null) {
                answer.put("active", false);
                answer.putNull("subject");
                answer.putArray("scopes");
                answer.putNull("expires_at");
            } else {
                answer.put("active", true);
                answer.put("subject", g.subject());
                g.scopes().forEach(answer.putArray("scopes")::add);
                answer.put("expires_at", Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
            }
            FakeHttp.send(ex, 200, "application/json", answer.toString());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
