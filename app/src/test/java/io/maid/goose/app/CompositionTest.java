package io.maid.goose.app;

import io.maid.goose.adapter.driver.httpclient5.HttpClient5Transport;
import io.maid.goose.adapter.driver.lean.LeanLoopTransport;
import io.maid.goose.adapter.driver.lean.LeanTransport;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.ports.out.LoadTransport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The settings' transport names map to the transports they promise. */
class CompositionTest {
    @Test
    void leanIsTheEventLoopTransportWithTheConfiguredLoops() {
        try (LoadTransport transport = Composition.transport(new Settings.Engine("lean", 3))) {
            EventLoopTransport loops = assertInstanceOf(LeanLoopTransport.class, transport);
            assertEquals(3, loops.eventLoops().size());
        }
    }

    @Test
    void leanWithoutALoopCountUsesHalfTheCores() {
        try (LoadTransport transport = Composition.transport(new Settings.Engine("lean", null))) {
            assertEquals(Settings.Engine.defaultEventLoops(), ((EventLoopTransport) transport).eventLoops().size());
        }
    }

    @Test
    void leanThreadsAndHttpclient5AreTheThreadPerUserTransports() {
        try (LoadTransport threads = Composition.transport(new Settings.Engine("lean-threads", null));
             LoadTransport client = Composition.transport(new Settings.Engine("httpclient5", null))) {
            assertInstanceOf(LeanTransport.class, threads);
            assertInstanceOf(HttpClient5Transport.class, client);
        }
    }

    @Test
    void anUnknownTransportIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Composition.transport(new Settings.Engine("curl", null)));
    }
}
