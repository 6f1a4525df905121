package io.maid.goose.adapter.http.helidon;

import io.maid.goose.testkit.InMemoryRunHistory;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector;
import io.maid.goose.testkit.FakeRunConfigCodec;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerLifecycleTest {
    @Test
    void aPortInUseFailsTheStartAndLeavesNoSubscriptionBehind() {
        try (ApiHarness first = ApiHarness.start()) {
            FakeEngine engine = new FakeEngine(null);
            ApiServerConfig clash = new ApiServerConfig("127.0.0.1", first.server.port(), List.of(), true, null, null,
                    8, Duration.ofSeconds(1));
            ApiServices services = ApiServices.basic(engine, new InMemoryRunHistory(), new FakeRunConfigCodec(),
                    new StaticApiKeyIntrospector(List.of()), Clock.systemUTC(), first.artifacts);
            assertThrows(RuntimeException.class, () -> HelidonApiServer.start(clash, services));
            assertEquals(0, engine.listenerCount());
        }
    }

    @Test
    void theBaseUrlNamesTheBoundPort() {
        try (ApiHarness api = ApiHarness.start()) {
            assertTrue(api.server.port() > 0);
            assertEquals("http://127.0.0.1:" + api.server.port() + "/api/goose", api.server.baseUrl());
        }
    }
}
