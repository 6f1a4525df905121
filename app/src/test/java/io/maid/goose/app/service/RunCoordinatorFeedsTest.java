package io.maid.goose.app.service;

import io.maid.goose.adapter.config.json.JacksonRunConfigCodec;
import io.maid.goose.app.Composition;
import io.maid.goose.app.flows.FeedFolder;
import io.maid.goose.app.flows.FeedResolver;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.ports.in.InvalidRunConfigException;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.testkit.ConfigDocuments;
import io.maid.goose.testkit.InMemoryRunHistory;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service loads feeder files once, before a run is recorded: the engine gets rows, history the config as written. */
class RunCoordinatorFeedsTest {
    private static final String CONFIG = """
            {"target_base_url": "http://127.0.0.1:8080", "users": 1, "hatch_rate": 1, "duration": {"seconds": 1},
             "data": [{"name": "accounts", "csv": "accounts.csv"}],
             "scenarios": [{"name": "s", "transactions": [{"name": "t", "feed": "accounts",
               "request": {"method": "GET", "path": "/{{accounts.username}}"}}]}]}""";

    @TempDir
    Path dir;
    private final EndingEngine engine = new EndingEngine();
    private final InMemoryRunHistory history = new InMemoryRunHistory();

    private RunCoordinator coordinator() {
        return new RunCoordinator(engine, history, new io.maid.goose.testkit.InMemoryRunArtifacts(),
                10, Clock.systemUTC(), Composition.feedResolver(FeedFolder.confinedTo(dir)));
    }

    private static RunConfig config() {
        return ConfigDocuments.valid(new JacksonRunConfigCodec().decode(CONFIG));
    }

    @Test
    void theEngineStartsWithTheRowsAndHistoryKeepsTheFilesPath() throws Exception {
        Files.writeString(dir.resolve("accounts.csv"), "username\nalice\n");
        try (RunCoordinator coordinator = coordinator()) {
            RunHandle handle = coordinator.start(StartRunCommand.of(config()));

            assertEquals(new FeedSource.Rows(List.of("username"), List.of(List.of("alice"))),
                    engine.started().get(0).config().data().get(0).source());
            assertEquals(handle.runId(), engine.started().get(0).runId());
            assertInstanceOf(FeedSource.CsvFile.class, history.find(handle.runId()).orElseThrow().record().config().data().get(0).source());
        }
    }

    @Test
    void theReportsEmbedTheConfigAsWrittenNotTheRowsTheEngineRan() throws Exception {
        Files.writeString(dir.resolve("accounts.csv"), "username\nalice-the-secret-user\n");
        EndingEngine engine = new EndingEngine();
        Path reports = dir.resolve("reports");
        FeedResolver feeds = Composition.feedResolver(FeedFolder.confinedTo(dir));
        try (RunCoordinator coordinator = new RunCoordinator(engine, history, Composition.artifacts(reports), 10,
                Clock.systemUTC(), feeds)) {
            coordinator.start(new StartRunCommand(config(), SampleRuns.RUN_ID));
            engine.end(SampleRuns.summary(feeds.resolve(config())));
            assertTrue(coordinator.drain(30));

            RunSummary stored = Composition.artifacts(reports).readSummary(SampleRuns.RUN_ID).orElseThrow();
            assertEquals(new FeedSource.CsvFile("accounts.csv"), stored.config().data().get(0).source());
            assertFalse(Files.readString(reports.resolve(SampleRuns.RUN_ID).resolve("report.json")).contains("alice-the-secret-user"),
                    "no row of the file is copied into the report");
        }
    }

    @Test
    void aFeederThatCannotBeLoadedStartsNothingAndRecordsNothing() {
        try (RunCoordinator coordinator = coordinator()) {
            InvalidRunConfigException refused = assertThrows(InvalidRunConfigException.class,
                    () -> coordinator.start(StartRunCommand.of(config())));

            assertEquals("/data/0/csv", refused.violations().get(0).pointer());
            assertEquals(List.of(), engine.started());
            assertEquals(0, history.count());
        }
    }
}
