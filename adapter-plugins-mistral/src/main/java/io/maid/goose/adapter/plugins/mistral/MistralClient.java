package io.maid.goose.adapter.plugins.mistral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.ports.out.PluginUpstreamException;
import io.maid.goose.ports.out.PluginUpstreamException.Kind;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The mistral.rs wire ({@code docs/integrations.md}): OpenAI-style chat completions and the plain GET routes, every failure turned into
 * a {@link PluginUpstreamException} whose message names the route and, when mistral.rs said why, its words.
 * The API key travels only in the {@code Authorization} header and appears in no message.
 */
final class MistralClient implements AutoCloseable {
    static final String CHAT_ROUTE = "/v1/chat/completions";

    private final MistralSettings settings;
    private final HttpClient http;
    private final ObjectMapper json;

    MistralClient(MistralSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpCalls.newClient(settings.connectTimeout());
    }

    MistralSettings settings() {
        return settings;
    }

    /** One generated answer: {@code choices[0]}. */
    record Completion(String content, String finishReason, String model) {
        boolean truncated() {
            return "length".equals(finishReason);
        }
    }

    /** POSTs {@code body} to the chat route and reads {@code choices[0].message.content}. */
    Completion chat(ObjectNode body, Duration timeout) {
        String route = "POST " + CHAT_ROUTE;
        HttpRequest request = authorised(HttpRequest.newBuilder(Endpoints.resolve(settings.endpoint(), CHAT_ROUTE)))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)))
                .build();
        HttpResponse<String> response = exchange(route, request, timeout);
        if (response.statusCode() / 100 != 2) {
            throw upstreamError(route, response);
        }
        JsonNode root = parse(route, response);
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new PluginUpstreamException(Kind.BAD_RESPONSE, response.statusCode(), where(route)
                    + " answered without choices" + saidSuffix(root));
        }
        JsonNode first = choices.get(0);
        JsonNode content = first.path("message").path("content");
        if (!content.isTextual()) {
            throw new PluginUpstreamException(Kind.BAD_RESPONSE, response.statusCode(), where(route)
                    + " answered without a text in choices[0].message.content");
        }
        JsonNode finish = first.path("finish_reason");
        JsonNode model = root.path("model");
        return new Completion(content.asText(), finish.isTextual() ? finish.asText() : null,
                model.isTextual() && !model.asText().isBlank() ? model.asText() : settings.model());
    }

    /** GETs {@code route}, throwing for no answer or a non-2xx status. */
    HttpResponse<String> get(String route, Duration timeout) {
        HttpRequest request = authorised(HttpRequest.newBuilder(Endpoints.resolve(settings.endpoint(), route)))
                .timeout(timeout)
                .GET()
                .build();
        HttpResponse<String> response = exchange("GET " + route, request, timeout);
        if (response.statusCode() / 100 != 2) {
            throw upstreamError("GET " + route, response);
        }
        return response;
    }

    /** Parses a 2xx body as JSON or throws {@link Kind#BAD_RESPONSE}. */
    JsonNode parse(String route, HttpResponse<String> response) {
        try {
            JsonNode root = json.readTree(response.body());
            if (root == null || !root.isObject()) {
                throw new PluginUpstreamException(Kind.BAD_RESPONSE, response.statusCode(), where(route)
                        + " answered HTTP " + response.statusCode() + " with JSON that is not an object: "
                        + quote(response.body()));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new PluginUpstreamException(Kind.BAD_RESPONSE, response.statusCode(), where(route)
                    + " answered HTTP " + response.statusCode() + " with a body that is not JSON: "
                    + quote(response.body()), e);
        }
    }

    String where(String route) {
        return "mistral.rs " + route + " at " + Endpoints.display(settings.endpoint());
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder builder) {
        if (settings.apiKey() != null) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder;
    }

    private HttpResponse<String> exchange(String route, HttpRequest request, Duration timeout) {
        try {
            return HttpCalls.send(http, request, timeout);
        } catch (HttpCalls.CallFailure f) {
            Kind kind = f.kind() == HttpCalls.FailureKind.TIMEOUT ? Kind.TIMEOUT : Kind.UNREACHABLE;
            throw new PluginUpstreamException(kind, 0, where(route) + ": " + f.getMessage(), f.getCause());
        }
    }

    private PluginUpstreamException upstreamError(String route, HttpResponse<String> response) {
        return new PluginUpstreamException(Kind.UPSTREAM_ERROR, response.statusCode(), where(route)
                + " answered HTTP " + response.statusCode() + ": " + upstreamMessage(response.body()));
    }

    /**
     * What the upstream said went wrong: mistral.rs's {@code {"message"}}, OpenAI's
     * {@code {"error":{"message"}}} (or {@code {"error":"..."}}), else the body as text.
     */
    String upstreamMessage(String body) {
        try {
            JsonNode root = json.readTree(body == null ? "" : body);
            String said = said(root);
            if (said != null) {
                return quote(said);
            }
        } catch (JsonProcessingException notJson) {
            // a plain-text error body, as mistral.rs gives for malformed requests: quoted below as is
        }
        return quote(body);
    }

    /**
     * Upstream text as it may appear in a message: at most 500 characters, and never the API key, even
     * if a proxy in front of mistral.rs echoes the request's headers back.
     */
    String quote(String text) {
        String t = text;
        if (t != null && settings.apiKey() != null) {
            t = t.replace(settings.apiKey(), "[api key]");
        }
        return HttpCalls.excerpt(t);
    }

    private static String said(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        if (root.path("message").isTextual()) {
            return root.get("message").asText();
        }
        JsonNode error = root.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        if (error.isObject() && error.path("message").isTextual()) {
            return error.get("message").asText();
        }
        return null;
    }

    private String saidSuffix(JsonNode root) {
        String said = said(root);
        return said == null ? "" : ": " + quote(said);
    }

    private String write(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a request built from a JSON tree", e);
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
