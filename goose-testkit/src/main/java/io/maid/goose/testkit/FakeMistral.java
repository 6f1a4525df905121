package io.maid.goose.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.testkit.FakeHttpServer.Recorded;
import io.maid.goose.testkit.FakeHttpServer.Reply;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A mistral.rs stand-in on 127.0.0.1 speaking the wire described in {@code docs/integrations.md}:
 * {@code GET /health} answers {@code OK}, {@code GET /v1/models} lists {@code default}, and
 * {@code POST /v1/chat/completions} records each request body and answers in the OpenAI shape. A request
 * whose {@code response_format.json_schema.name} is {@value #RECIPE_SCHEMA} is a recipe request and gets
 * {@link #RECIPE_CONTENT}; any other is an analysis request and is answered as {@link #analysisMode} says.
 *
 * <p>{@link #completion} builds the answer body for tests that script a {@link FakeHttpServer} themselves.
 */
public final class FakeMistral implements AutoCloseable {
    public static final String CHAT = "/v1/chat/completions";
    public static final String RECIPE_SCHEMA = "goose_run_config";
    public static final String ANALYSIS_SUMMARY = "Fake model verdict: the demo target kept up with every user";
    public static final String RECIPE_CONTENT = """
            {"target_base_url": "http://127.0.0.1:8080", "users": 5, "hatch_rate": 5,
             "duration": {"seconds": 30}, "think_time_seconds": 0.5,
             "scenarios": [{"name": "browse", "transactions": [
               {"name": "home", "request": {"method": "GET", "path": "/"}}]}]}
            """;
    public static final String MODELS = """
            {"object":"list","data":[{"id":"default","object":"model","created":0,"owned_by":"local"}]}""";

    /** How analysis requests are answered. */
    public enum AnalysisMode {
        /** at once, with a valid analysis */
        ANSWER,
        /** a valid analysis, but only after {@link #release()} */
        SLOW,
        /** 500 with mistral.rs's error body {@code {"message":"model exploded"}} */
        FAIL
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeHttpServer server;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile AnalysisMode analysisMode = AnalysisMode.ANSWER;

    public FakeMistral() throws IOException {
        server = new FakeHttpServer()
                .on("/health", Reply.text(200, "OK"))
                .on("/v1/models", Reply.json(200, MODELS))
                .on(CHAT, new Reply.Computed(this::chat));
    }

    public String endpoint() {
        return server.uri().toString();
    }

    public void analysisMode(AnalysisMode mode) {
        this.analysisMode = mode;
    }

    /** Lets blocked ({@link AnalysisMode#SLOW}) analysis requests answer. */
    public void release() {
        released.countDown();
    }

    public List<JsonNode> recipeRequests() {
        return chatRequests().stream().filter(FakeMistral::isRecipe).toList();
    }

    public List<JsonNode> analysisRequests() {
        return chatRequests().stream().filter(r -> !isRecipe(r)).toList();
    }

    private List<JsonNode> chatRequests() {
        return server.requests(CHAT).stream().filter(r -> r.method().equals("POST")).map(r -> parse(r.body()))
                .filter(n -> n != null).toList();
    }

    private static boolean isRecipe(JsonNode request) {
        return RECIPE_SCHEMA.equals(request.at("/response_format/json_schema/name").asText(null));
    }

    private Reply chat(Recorded r) {
        if (!r.method().equals("POST")) {
            return Reply.json(404, "{\"message\":\"no route " + r.path() + "\"}");
        }
        JsonNode request = parse(r.body());
        if (request == null) {
            return Reply.text(422, "Failed to deserialize the JSON body");
        }
        if (isRecipe(request)) {
            return completion(RECIPE_CONTENT, "stop");
        }
        return switch (analysisMode) {
            case FAIL -> Reply.json(500, "{\"message\":\"model exploded\"}");
            case SLOW -> awaitRelease() ? completion(analysisContent(), "stop")
                    : Reply.json(500, "{\"message\":\"the test never released the analysis\"}");
            case ANSWER -> completion(analysisContent(), "stop");
        };
    }

    private boolean awaitRelease() {
        try {
            return released.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String analysisContent() {
        ObjectNode a = JSON.createObjectNode();
        a.put("summary", ANALYSIS_SUMMARY);
        a.putArray("bottlenecks").addObject()
                .put("title", "Think time dominates")
                .put("evidence", "2 users with 10 ms think time")
                .put("severity", "low");
        a.putArray("recommendations").add("Add users to find the knee");
        return a.toString();
    }

    /** The model a completion names itself after. */
    public static final String COMPLETION_MODEL = "mistral-7b-instruct";

    /** A 200 {@code chat.completion} whose one choice says {@code content} and ended for {@code finishReason}. */
    public static Reply completion(String content, String finishReason) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-fake");
        body.put("object", "chat.completion");
        body.put("created", 1_718_452_800L);
        body.put("model", COMPLETION_MODEL);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", finishReason);
        choice.putObject("message").put("role", "assistant").put("content", content);
        body.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 50).put("total_tokens", 150);
        return Reply.json(200, body.toString());
    }

    @Override
    public void close() {
        released.countDown();
        server.close();
    }
}
