package io.maid.goose.adapter.plugins.mistral;

import io.maid.goose.testkit.FakeHttpServer;
import io.maid.goose.testkit.LogCapture;
import io.maid.goose.ports.out.PluginUpstreamException;
import io.maid.goose.ports.out.PluginUpstreamException.Kind;
import io.maid.goose.ports.out.RecipeRequest;
import io.maid.goose.testkit.FakeRunConfigCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.maid.goose.testkit.FakeHttpServer.Reply;
import static io.maid.goose.adapter.plugins.mistral.Mistral.CHAT;
import static io.maid.goose.adapter.plugins.mistral.Mistral.INVALID_USERS;
import static io.maid.goose.adapter.plugins.mistral.Mistral.KEY;
import static io.maid.goose.adapter.plugins.mistral.Mistral.completion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MistralUpstreamFailureTest {
    private static final RecipeRequest REQUEST = new RecipeRequest("browse", null, List.of());
    private static final Duration FAST = Duration.ofMillis(300);

    private FakeHttpServer mistral;

    @BeforeEach
    void start() throws Exception {
        mistral = new FakeHttpServer();
    }

    @AfterEach
    void stop() {
        mistral.close();
    }

    private PluginUpstreamException failure(URI endpoint, Duration timeout) {
        try (MistralRecipeGenerator generator = new MistralRecipeGenerator(Mistral.settings(endpoint, timeout), new FakeRunConfigCodec())) {
            return assertThrows(PluginUpstreamException.class, () -> generator.generate(REQUEST));
        }
    }

    private PluginUpstreamException failure() {
        return failure(mistral.uri(), Duration.ofSeconds(5));
    }

    @Test
    void hangingServerTimesOutWithinTheCallTimeout() {
        mistral.on(CHAT, new Reply.Hang());
        long start = System.nanoTime();
        PluginUpstreamException e = failure(mistral.uri(), FAST);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(Kind.TIMEOUT, e.kind());
        assertEquals(0, e.upstreamStatus());
        assertTrue(tookMs < 2_000, "took " + tookMs + " ms");
        assertTrue(e.getMessage().contains("no answer within 300 ms"), e.getMessage());
    }

    @Test
    void serverThatStallsMidBodyTimesOutToo() {
        mistral.on(CHAT, new Reply.StallBody());
        long start = System.nanoTime();
        PluginUpstreamException e = failure(mistral.uri(), FAST);

        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000);
    }

    @Test
    void nonJsonBodyIsABadResponse() {
        mistral.on(CHAT, Reply.text(200, "<html>gateway says hi</html>"));
        PluginUpstreamException e = failure();

        assertEquals(Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("<html>gateway says hi</html>"), e.getMessage());
    }

    @Test
    void answerWithoutChoicesIsABadResponse() {
        mistral.on(CHAT, Reply.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}"));
        PluginUpstreamException e = failure();

        assertEquals(Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("without choices"), e.getMessage());
    }

    @Test
    void choiceWithoutTextContentIsABadResponse() {
        mistral.on(CHAT, Reply.json(200, "{\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":null}}]}"));
        assertEquals(Kind.BAD_RESPONSE, failure().kind());
    }

    @Test
    void mistralMessageErrorIsAnUpstreamErrorCarryingItsText() {
        mistral.on(CHAT, Reply.json(500, "{\"message\":\"Model failed to load: out of memory\"}"));
        PluginUpstreamException e = failure();

        assertEquals(Kind.UPSTREAM_ERROR, e.kind());
        assertEquals(500, e.upstreamStatus());
        assertTrue(e.getMessage().contains("HTTP 500: Model failed to load: out of memory"), e.getMessage());
    }

    @Test
    void openAiErrorObjectIsAnUpstreamErrorCarryingItsText() {
        mistral.on(CHAT, Reply.json(500, "{\"error\":{\"message\":\"CUDA error: device-side assert\",\"type\":\"server_error\"}}"));
        PluginUpstreamException e = failure();

        assertEquals(Kind.UPSTREAM_ERROR, e.kind());
        assertTrue(e.getMessage().contains("CUDA error: device-side assert"), e.getMessage());
    }

    @Test
    void plainTextValidationErrorIsAnUpstreamErrorCarryingItsText() {
        mistral.on(CHAT, Reply.text(422, "Failed to deserialize the JSON body into the target type: response_format: unknown variant"));
        PluginUpstreamException e = failure();

        assertEquals(Kind.UPSTREAM_ERROR, e.kind());
        assertEquals(422, e.upstreamStatus());
        assertTrue(e.getMessage().contains("Failed to deserialize the JSON body"), e.getMessage());
    }

    @Test
    void upstreamTextIsCutToFiveHundredCharacters() {
        mistral.on(CHAT, Reply.json(500, "{\"message\":\"" + "x".repeat(2_000) + "\"}"));
        String message = failure().getMessage();

        assertTrue(message.contains("x".repeat(500)), message);
        assertFalse(message.contains("x".repeat(501)), "more than 500 characters of upstream text");
    }

    @Test
    void refusedConnectionIsUnreachable() throws Exception {
        PluginUpstreamException e = failure(FakeHttpServer.refusedUri(), Duration.ofSeconds(5));

        assertEquals(Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    }

    @Test
    void connectionClosedWithoutAnswerIsUnreachable() {
        mistral.on(CHAT, new Reply.Close());
        assertEquals(Kind.UNREACHABLE, failure().kind());
    }

    @Test
    void failureInTheRepairRoundIsReportedAsSuch() {
        mistral.on(CHAT, completion(INVALID_USERS), Reply.json(500, "{\"message\":\"busy\"}"));
        PluginUpstreamException e = failure();

        assertEquals(Kind.UPSTREAM_ERROR, e.kind());
        assertEquals(2, mistral.requests(CHAT).size());
    }

    @Test
    void apiKeyAppearsInNoExceptionMessageAndNoLogLine() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        try (LogCapture logs = new LogCapture("io.maid.goose.adapter.plugins.mistral")) {
            // a proxy that echoes the request's Authorization header back in its error
            mistral.on(CHAT, completion(INVALID_USERS),
                    Reply.json(502, "{\"error\":{\"message\":\"upstream refused Authorization: Bearer " + KEY + "\"}}"),
                    Reply.text(200, "garbage " + KEY),
                    new Reply.Hang());
            failures.add(failure(mistral.uri(), FAST));
            failures.add(failure(mistral.uri(), FAST));
            failures.add(failure(mistral.uri(), FAST));
            failures.add(failure(FakeHttpServer.refusedUri(), FAST));
            failures.add(assertThrows(IllegalArgumentException.class,
                    () -> new MistralSettings(URI.create("ftp://x"), KEY)));

            assertEquals(List.of(Kind.UPSTREAM_ERROR, Kind.BAD_RESPONSE, Kind.TIMEOUT, Kind.UNREACHABLE),
                    failures.subList(0, 4).stream().map(f -> ((PluginUpstreamException) f).kind()).toList());
            assertFalse(logs.lines().isEmpty(), "the repair round is logged, so the log is actually checked");
            for (String line : logs.lines()) {
                assertFalse(line.contains(KEY), "log line holds the API key: " + line);
            }
        }
        for (Throwable f : failures) {
            for (Throwable t = f; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(KEY), "exception message holds the API key: " + t);
                assertFalse(t.toString().contains(KEY));
            }
        }
        assertFalse(Mistral.settings(mistral.uri()).toString().contains(KEY));
    }
}
