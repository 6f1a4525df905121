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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A mistral.rs stand-in on 127.0.0.1 speaking the wire of /work/shared/PROTOCOLS.md: {@code GET /health}
 * answers {@code OK}, {@code GET /v1/models} lists {@code default}, and {@code POST /v1/chat/completions}
 * records each request body and answers in the OpenAI shape. A request whose
 * {@code response_format.json_schema.name} is {@code goose_run_config} is a recipe request and gets
 * {@link #RECIPE_CONTENT}; any other is an analysis request and is answered as {@link #analysisMode} says.
 * Handlers run on virtual threads, so a blocked analysis never holds up the other routes.
 */
public final class FakeMistral implements AutoCloseable {
    static final String RECIPE_SCHEMA = "goose_run_config";
    static final String ANALYSIS_SUMMARY = "Fake model verdict: the demo target kept up with every user";
    public static final String RECIPE_CONTENT = """
            {"target_base_url": "http://127.0.0.1:8080", "users": 5, "hatch_rate": 5,
             "duration": {"seconds": 30}, "think_time_seconds": 0.5,
             "scenarios": [{"name": "browse", "transactions": [
               {"name": "home", "request": {"method": "GET", "path": "/"}}]}]}
            """;

    /** How analysis requests are answered. */
    enum AnalysisMode {
        /** at once, with a valid analysis */
        ANSWER,
        /** a valid analysis, but only after {@link #release()} */
        SLOW,
        /** 500 with mistral.rs's error body {@code {"message":"model exploded"}} */
        FAIL
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<JsonNode> chatRequests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile AnalysisMode analysisMode = AnalysisMode.ANSWER;

    public FakeMistral() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void analysisMode(AnalysisMode mode) {
        this.analysisMode = mode;
    }

    /** Lets blocked ({@link AnalysisMode#SLOW}) analysis requests answer. */
    void release() {
        released.countDown();
    }

    public List<JsonNode> recipeRequests() {
        return chatRequests.stream().filter(FakeMistral::isRecipe).toList();
    }

    List<JsonNode> analysisRequests() {
        return chatRequests.stream().filter(r -> !isRecipe(r)).toList();
    }

    private static boolean isRecipe(JsonNode request) {
        return RECIPE_SCHEMA.equals(request.at("/response_format/json_schema/name").asText(null));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("/health")) {
                FakeHttp.send(ex, 200, "text/plain", "OK");
            } else if (method.equals("GET") && path.equals("/v1/models")) {
                FakeHttp.send(ex, 200, "application/json", """
                        {"object":"list","data":[{"id":"default","object":"model","created":0,"owned_by":"local"}]}""");
            } else if (method.equals("POST") && path.equals("/v1/chat/completions")) {
                chat(ex);
            } else {
                FakeHttp.send(ex, 404, "application/json", "{\"message\":\"no route " + path + "\"}");
            }
        }
    }

    private void chat(HttpExchange ex) throws IOException {
        JsonNode request;
        try (InputStream in = ex.getRequestBody()) {
            request = JSON.readTree(in);
        } catch (IOException malformed) {
            FakeHttp.send(ex, 422, "text/plain", "Failed to deserialize the JSON body");
            return;
        }
        chatRequests.add(request);
        if (isRecipe(request)) {
            FakeHttp.send(ex, 200, "application/json", completion(RECIPE_CONTENT));
            return;
        }
        switch (analysisMode) {
            case FAIL -> FakeHttp.send(ex, 500, "application/json", "{\"message\":\"model exploded\"}");
            case SLOW -> {
                boolean go;
                try {
                    go = released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    go = false;
                }
                if (go) {
                    FakeHttp.send(ex, 200, "application/json", completion(analysisContent()));
                } else {
                    FakeHttp.send(ex, 500, "application/json", "{\"message\":\"the test never released the analysis\"}");
                }
            }
            case ANSWER -> FakeHttp.send(ex, 200, "application/json", completion(analysisContent()));
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

    private static String completion(String content) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-fake");
        body.put("object", "chat.completion");
        body.put("created", 1_718_452_800L);
        body.put("model", "default");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        body.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 50).put("total_tokens", 150);
        return body.toString();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
