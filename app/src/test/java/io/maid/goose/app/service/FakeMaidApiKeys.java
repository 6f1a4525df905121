package io.maid.goose.app.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.testkit.FakeHttpServer;
import io.maid.goose.testkit.FakeHttpServer.Recorded;
import io.maid.goose.testkit.FakeHttpServer.Reply;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A maid-apikeys stand-in on 127.0.0.1 speaking the wire described in {@code docs/integrations.md}, on the
 * testkit's {@link FakeHttpServer}: {@code POST /api/auth/introspect} with {@code {"credential", "kind"}}
 * answers 200 {@code {"active", "subject", "scopes", "expires_at"}} from a map the test fills; a credential
 * the map does not hold is answered {@code "active": false}, as the real service answers unknown
 * credentials. Every call's body is recorded.
 */
final class FakeMaidApiKeys implements AutoCloseable {
    private static final String INTROSPECT = "/api/auth/introspect";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Grant(String subject, List<String> scopes) {
    }

    private final FakeHttpServer server;
    private final Map<String, Grant> active = new ConcurrentHashMap<>();

    FakeMaidApiKeys() throws IOException {
        server = new FakeHttpServer().on(INTROSPECT, new Reply.Computed(this::introspect));
    }

    String endpoint() {
        return server.uri().toString();
    }

    /** From now on {@code credential} is reported active for {@code subject} with {@code scopes}. */
    void grant(String credential, String subject, String... scopes) {
        active.put(credential, new Grant(subject, List.of(scopes)));
    }

    List<JsonNode> calls() {
        return server.requests(INTROSPECT).stream().map(r -> parse(r.body())).filter(n -> n != null).toList();
    }

    /** How many calls asked about {@code credential}. */
    long callsFor(String credential) {
        return calls().stream().filter(c -> credential.equals(c.path("credential").asText())).count();
    }

    private Reply introspect(Recorded r) {
        if (!r.method().equals("POST")) {
            return Reply.json(404, "{\"message\":\"not found\"}");
        }
        JsonNode body = parse(r.body());
        if (body == null) {
            return Reply.text(400, "malformed body");
        }
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
        return Reply.json(200, answer.toString());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
