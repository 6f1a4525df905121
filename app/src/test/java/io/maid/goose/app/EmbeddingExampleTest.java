package io.maid.goose.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.adapter.config.json.JacksonRunConfigCodec;
import io.maid.goose.adapter.driver.lean.LeanLoopTransport;
import io.maid.goose.adapter.reports.FileRunArtifacts;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.ports.in.StartRunCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    @Test
    void anEmbeddersRunWithAJavaCheckStillGetsEveryReport(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget();
             LeanLoopTransport transport = new LeanLoopTransport(1)) {
            GooseEngine engine = GooseEngine.builder().transport(transport).build();
            Path reportRoot = dir.resolve("reports");
            // --- README snippet starts (Embedding the engine: a Java check, and the reports)
            RunConfig config = RunConfig.builder(target.baseUrl()).users(2).hatchRate(20).durationSeconds(1)
                    .thinkTimeSeconds(0.05)
                    .scenario(Scenario.builder("site").transaction(Transaction.builder("home").get("/")
                            .checkCustom("says ok", true, response -> response.bodyText().startsWith("ok")).build()).build())
                    .build();
            RunSummary summary = engine.start(StartRunCommand.of(config)).await();
            List<String> files = new FileRunArtifacts(reportRoot, new JacksonRunConfigCodec()).write(summary, null);
            // --- README snippet ends
            assertEquals(List.of("report.json", "report.csv", "timeline.csv", "report.html"), files);
            JsonNode report = new ObjectMapper().readTree(reportRoot.resolve(summary.runId()).resolve("report.json").toFile());
            assertTrue(report.get("config").isNull(), "a Java check has no JSON form");
            assertTrue(report.path("config_not_encoded").asText().contains("'says ok'"), report.path("config_not_encoded").asText());
            JsonNode check = report.at("/checks/0");
            assertEquals("says ok", check.path("label").asText());
            assertEquals(target.requestsReceived(), check.path("passes").asLong(), "the Java check judged every response");
            assertEquals(0, check.path("failures").asLong());
            assertTrue(Files.readString(reportRoot.resolve(summary.runId()).resolve("report.html")).contains("says ok"));
        }
    }
}
