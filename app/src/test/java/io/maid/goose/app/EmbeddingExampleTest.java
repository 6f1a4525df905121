package io.maid.goose.app;

import io.maid.goose.adapter.driver.lean.LeanLoopTransport;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.ports.in.StartRunCommand;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "embed the engine" snippet, verbatim in spirit: build, start, await, read. */
class EmbeddingExampleTest {
    @Test
    void theReadmeEmbeddingSnippetRunsARealLoadTest() throws Exception {
        try (DemoTarget target = new DemoTarget();
             LeanLoopTransport transport = new LeanLoopTransport(1)) {
            // --- README snippet starts
            GooseEngine engine = GooseEngine.builder().transport(transport).build();
            RunConfig config = RunConfig.builder(target.baseUrl())
                    .users(5).hatchRate(50).durationSeconds(1).thinkTimeSeconds(0.01)
                    .get("home", "/")
                    .build();
            RunSummary summary = engine.start(StartRunCommand.of(config)).await();
            System.out.printf("%d requests, p99 %.2f ms%n", summary.total().count(), summary.total().latency().p99Ms());
            // --- README snippet ends
            assertEquals(RunState.COMPLETED, summary.state());
            assertTrue(summary.total().count() > 20);
            assertEquals(target.requestsReceived(), summary.total().count());
            assertEquals(0, summary.total().failures());
        }
    }
}
