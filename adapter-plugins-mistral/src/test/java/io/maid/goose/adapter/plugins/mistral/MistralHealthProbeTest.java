package io.maid.goose.adapter.plugins.mistral;

import io.maid.goose.testkit.FakeHttpServer;
import io.maid.goose.ports.out.PluginHealth;
import io.maid.goose.ports.out.PluginHealth.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import io.maid.goose.testkit.FakeHttpServer.Reply;
import static io.maid.goose.adapter.plugins.mistral.Mistral.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MistralHealthProbeTest {
    private static final String MODELS = """
            {"object":"list","data":[{"id":"default","object":"model","created":1718000000,"owned_by":"local"},
                                     {"id":"mistralai/Mistral-7B-Instruct-v0.3","object":"model","created":1718000000,"owned_by":"local"}]}""";

    private FakeHttpServer mistral;

    @BeforeEach
    void start() throws Exception {
        mistral = new FakeHttpServer();
    }

    @AfterEach
    void stop() {
        mistral.close();
    }

    /** A probe with the default request timeout: a server that answers is given the time a loaded machine needs. */
    private PluginHealth check(MistralSettings settings) {
        return check(settings, MistralHealthProbe.DEFAULT_REQUEST_TIMEOUT);
    }

    private PluginHealth check(MistralSettings settings, Duration requestTimeout) {
        try (MistralHealthProbe probe = new MistralHealthProbe(settings, requestTimeout)) {
            return probe.check();
        }
    }

    @Test
    void answeringServerIsHealthyWithItsModels() {
        mistral.on("/health", Reply.text(200, "OK")).on("/v1/models", Reply.json(200, MODELS));
        PluginHealth health = check(Mistral.settings(mistral.uri()));

        assertEquals(State.HEALTHY, health.state());
        assertEquals(List.of("default", "mistralai/Mistral-7B-Instruct-v0.3"), health.models());
        assertNull(health.lastError());
        assertEquals("mistral.rs", health.name());
        assertEquals(mistral.uri().toString(), health.endpoint());
        assertEquals("Bearer " + KEY, mistral.requests("/v1/models").get(0).header("Authorization"));
        assertEquals("GET", mistral.requests("/health").get(0).method());
    }

    @Test
    void refusedConnectionIsUnreachableWithTheReason() throws Exception {
        PluginHealth health = check(Mistral.settings(FakeHttpServer.refusedUri()));

        assertEquals(State.UNREACHABLE, health.state());
        assertTrue(health.lastError().contains("connection refused"), health.lastError());
        assertTrue(health.models().isEmpty());
    }

    @Test
    void hangingServerIsUnreachableWithinTheProbeTimeout() {
        mistral.on("/health", new Reply.Hang());
        long start = System.nanoTime();
        PluginHealth health = check(Mistral.settings(mistral.uri()), Duration.ofMillis(300));

        assertEquals(State.UNREACHABLE, health.state());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000);
        assertTrue(health.lastError().contains("GET /health"), health.lastError());
    }

    @Test
    void failingModelListIsUnreachableWithTheUpstreamMessage() {
        mistral.on("/health", Reply.text(200, "OK")).on("/v1/models", Reply.json(500, "{\"message\":\"engine stopped\"}"));
        PluginHealth health = check(Mistral.settings(mistral.uri()));

        assertEquals(State.UNREACHABLE, health.state());
        assertTrue(health.lastError().contains("engine stopped"), health.lastError());
    }

    @Test
    void modelListOfTheWrongShapeIsUnreachable() {
        mistral.on("/health", Reply.text(200, "OK")).on("/v1/models", Reply.json(200, "{\"models\":[\"default\"]}"));
        PluginHealth health = check(Mistral.settings(mistral.uri()));

        assertEquals(State.UNREACHABLE, health.state());
        assertTrue(health.lastError().contains("data"), health.lastError());
    }

    @Test
    void routesAreAppendedToAnEndpointWithABasePath() {
        mistral.on("/mistral/health", Reply.text(200, "OK")).on("/mistral/v1/models", Reply.json(200, MODELS));
        PluginHealth health = check(Mistral.settings(java.net.URI.create(mistral.uri() + "/mistral/")));

        assertEquals(State.HEALTHY, health.state());
        assertEquals(1, mistral.requests("/mistral/v1/models").size());
    }
}
