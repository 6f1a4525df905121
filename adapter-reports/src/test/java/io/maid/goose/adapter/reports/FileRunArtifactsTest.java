package io.maid.goose.adapter.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.ports.out.ArtifactRecovery;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the artifacts contract cannot see: the files on disk, their layout, links, and writes that fail. */
class FileRunArtifactsTest {
    private static final String RUN = SampleRuns.RUN_ID;

    @TempDir
    Path dir;

    private FileRunArtifacts artifacts() {
        return Reports.under(dir);
    }

    private Path folder() {
        return dir.resolve(RUN);
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void allFormatsAreWrittenIntoTheRunsOwnFolder() throws IOException {
        List<String> written = artifacts().write(SampleRuns.summary(), null);

        assertEquals(List.of("report.json", "report.csv", "timeline.csv", "report.html"), written);
        assertEquals(List.of(RUN), listing(dir));
        assertEquals(List.of("report.csv", "report.html", "report.json", "timeline.csv"), listing(folder()));
        assertEquals(folder().toString(), artifacts().location(RUN));
    }

    @Test
    void givenAnAnalysis_thenAnalysisJsonIsWrittenLastAndHoldsIt() throws IOException {
        Analysis analysis = SampleRuns.analysis();
        List<String> written = artifacts().write(SampleRuns.summary(ReportFormat.HTML), analysis);
        assertEquals(List.of("report.html", "analysis.json"), written);
        var json = new ObjectMapper().readTree(folder().resolve("analysis.json").toFile());
        assertEquals(SampleRuns.summary().runId(), json.get("run_id").asText());
        assertEquals(analysis.summary(), json.at("/analysis/summary").asText());
        assertEquals(analysis.bottlenecks().size(), json.at("/analysis/bottlenecks").size());
        assertTrue(Files.readString(folder().resolve("report.html")).contains(analysis.bottlenecks().get(0).title().replace("<", "&lt;")));
    }

    @Test
    void withoutAnAnalysis_thenNoAnalysisJsonIsWritten() {
        artifacts().write(SampleRuns.summary(ReportFormat.JSON), null);
        assertFalse(Files.exists(folder().resolve("analysis.json")));
    }

    @Test
    void onlyTheConfiguredFormatsAreWritten() throws IOException {
        artifacts().write(SampleRuns.summary(ReportFormat.CSV), null);

        assertEquals(List.of("report.csv", "timeline.csv"), listing(folder()));
    }

    @Test
    void aMissingReportRootIsCreated() {
        Path nested = dir.resolve("reports").resolve("nested");

        Reports.under(nested).write(SampleRuns.summary(ReportFormat.JSON), null);

        assertTrue(Files.isRegularFile(nested.resolve(RUN).resolve("report.json")));
    }

    @Test
    void anExistingReportIsReplacedWhole() throws IOException {
        Files.createDirectories(folder());
        Files.writeString(folder().resolve("report.json"), "x".repeat(1_000_000));

        artifacts().write(SampleRuns.summary(ReportFormat.JSON), null);

        new ObjectMapper().readTree(folder().resolve("report.json").toFile());
        assertEquals(List.of("report.json"), listing(folder()));
    }

    @Test
    void aSummaryWithSubMillisecondTimestampsReadsBackAtMillisecondsAndWritesTheSameBytes() throws IOException {
        RunSummary summary = SampleRuns.summary(ReportFormat.JSON);
        RunSummary fine = new RunSummary(summary.runId(), summary.state(), summary.startedAt().plusNanos(123_456),
                summary.endedAt().plusNanos(7), summary.durationSeconds(), summary.plannedSeconds(), summary.config(),
                summary.phases(), summary.requests(), summary.transactions(), summary.scenarios(), summary.total(),
                summary.timeline().stream().map(m -> SampleRuns.withTimestamp(m, m.timestamp().plusNanos(456_789))).toList(),
                summary.abandonedRequests(), summary.histograms(), summary.schedulerSeed(), summary.failureReason(),
                summary.keyTimelines(), summary.checks(), summary.skipped(), summary.thresholds(), summary.droppedIterations());
        artifacts().write(fine, null);
        byte[] first = Files.readAllBytes(folder().resolve("report.json"));

        RunSummary read = artifacts().readSummary(RUN).orElseThrow();
        assertEquals(fine.startedAt(), read.startedAt(), "run times keep their nanoseconds");
        assertEquals(fine.timeline().get(3).timestamp().toEpochMilli(), read.timeline().get(3).timestamp().toEpochMilli());
        artifacts().write(read, null);

        assertArrayEquals(first, Files.readAllBytes(folder().resolve("report.json")));
    }

    /** The sample run, its config given an embedder's Java check, which has no JSON form. */
    private static RunSummary withAJavaCheck() {
        RunSummary s = SampleRuns.summary();
        RunConfig config = RunConfig.builder(SampleRuns.TARGET).users(20).hatchRate(4).durationSeconds(10)
                .scenario(Scenario.builder("checkout").transaction(Transaction.builder("pay").post("/cart")
                        .checkCustom("is a teapot", false, r -> r.status() == 418).build()).build())
                .build();
        return s.withConfig(config);
    }

    @Test
    void aRunWithAJavaCheckGetsEveryFileAndAReportThatSaysWhyItHasNoConfig() throws IOException {
        RunSummary s = withAJavaCheck();

        assertEquals(List.of("report.json", "report.csv", "timeline.csv", "report.html"), artifacts().write(s, null));

        var root = new ObjectMapper().readTree(folder().resolve("report.json").toFile());
        assertTrue(root.get("config").isNull(), root.get("config").toString());
        String why = root.path("config_not_encoded").asText();
        assertTrue(why.contains("'is a teapot'") && why.contains("'pay'"), "the codec's reason names the check: " + why);
        assertEquals(s.total().count(), root.at("/stats/total/count").asLong(), "every figure is still there");
        assertEquals(SampleRuns.TARGET, root.at("/run/target").asText());
    }

    @Test
    void aReportWithoutItsConfigCannotBeReadBackAndSaysWhy() {
        artifacts().write(withAJavaCheck(), null);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> artifacts().readSummary(RUN));

        assertTrue(e.getMessage().contains("config: the report has none") && e.getMessage().contains("'is a teapot'"),
                e.getMessage());
    }

    @Test
    void aReportWithAConfigHasNoConfigNotEncodedField() throws IOException {
        artifacts().write(SampleRuns.summary(ReportFormat.JSON), null);

        assertFalse(new ObjectMapper().readTree(folder().resolve("report.json").toFile()).has("config_not_encoded"));
    }

    @Test
    void aDamagedReportJsonIsAnErrorThatSaysWhy() throws IOException {
        artifacts().write(SampleRuns.summary(ReportFormat.JSON), null);
        Files.writeString(folder().resolve("report.json"), "{\"schema_version\": 2, \"run\": {\"run_id\": \"" + RUN + "\"}}");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> artifacts().readSummary(RUN));

        assertTrue(e.getMessage().contains(RUN), e.getMessage());
        assertTrue(e.getMessage().contains("the field stats is missing"), e.getMessage());
    }

    @Test
    void aReportJsonThatIsNotJsonIsAnErrorThatSaysSo() throws IOException {
        Files.createDirectories(folder());
        Files.writeString(folder().resolve("report.json"), "{\"schema_version\": 2, \"run\": ");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> artifacts().readSummary(RUN));

        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void aReportJsonOfAnotherSchemaVersionIsNotReadAsThisOne() throws IOException {
        artifacts().write(SampleRuns.summary(ReportFormat.JSON), null);
        Path json = folder().resolve("report.json");
        Files.writeString(json, Files.readString(json).replace("\"schema_version\" : 2", "\"schema_version\" : 1"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> artifacts().readSummary(RUN));

        assertTrue(e.getMessage().contains("schema_version 1"), e.getMessage());
    }

    @Test
    void aReportJsonWhoseConfigTodaysRulesRejectIsAnErrorNamingTheConfig() throws IOException {
        artifacts().write(SampleRuns.summary(ReportFormat.JSON), null);
        Path json = folder().resolve("report.json");
        Files.writeString(json, Files.readString(json).replace("\"users\" : 20,", "\"users\" : 0,"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> artifacts().readSummary(RUN));

        assertTrue(e.getMessage().contains("config"), e.getMessage());
        assertTrue(e.getMessage().contains("/users"), e.getMessage());
    }

    @Test
    void recoveryRemovesOnlyTemporaryFilesOfTheWriter() throws IOException {
        artifacts().write(SampleRuns.summary(ReportFormat.JSON), null);
        Path temp = Files.writeString(folder().resolve(".report.csv.0f8e3c6a-5b1d-4c2e-9a7f-3d2b1c0e9f8a.tmp"), "half");
        Path userFile = Files.writeString(folder().resolve("notes.tmp"), "mine");
        Path hidden = Files.writeString(folder().resolve(".report.csv.tmp"), "not the writer's pattern");

        ArtifactRecovery found = artifacts().recover(RUN, ReportsSpec.all());

        assertEquals(List.of(temp.getFileName().toString()), found.removedTemporaryFiles());
        assertFalse(Files.exists(temp));
        assertTrue(Files.exists(userFile) && Files.exists(hidden));
        assertEquals(List.of("report.json"), found.files(), "files it does not write are never listed");
        assertEquals(Set.of(ReportFormat.CSV, ReportFormat.HTML), found.missingFormats());
    }

    @Test
    void aListedNameThatIsALinkOutOfTheFolderIsNeitherListedNorOpened() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
        Files.createDirectories(folder());
        Files.createSymbolicLink(folder().resolve("report.json"), secret);

        assertEquals(List.of(), artifacts().list(RUN));
        assertEquals(Optional.empty(), artifacts().open(RUN, "report.json"));
    }

    @Test
    void aListedNameThatIsALinkToASiblingFileIsNotOpened() throws IOException {
        artifacts().write(SampleRuns.summary(ReportFormat.HTML), null);
        Files.createSymbolicLink(folder().resolve("report.json"), folder().resolve("report.html"));

        assertEquals(Optional.empty(), artifacts().open(RUN, "report.json"));
        assertEquals(List.of("report.html"), artifacts().list(RUN));
    }

    @Test
    void aRunFolderThatIsALinkToAnotherRunsFolderShowsNothing() throws IOException {
        Path other = dir.resolve("00000000-0000-4000-8000-000000000009");
        Files.createDirectories(other);
        Files.writeString(other.resolve("report.json"), "{}");
        Files.createSymbolicLink(folder(), other);

        assertEquals(Optional.empty(), artifacts().open(RUN, "report.json"));
        assertEquals(List.of(), artifacts().list(RUN));
    }

    @Test
    void aDirectoryUnderAFileNameIsNotAFile() throws IOException {
        Files.createDirectories(folder().resolve("report.json"));

        assertEquals(Optional.empty(), artifacts().open(RUN, "report.json"));
        assertEquals(Optional.empty(), artifacts().readSummary(RUN));
    }

    @Test
    void deletingARunFolderThatIsALinkRemovesTheLinkNotWhatItPointsTo() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path kept = Files.writeString(elsewhere.resolve("report.json"), "{}");
        Files.createSymbolicLink(folder(), elsewhere);

        artifacts().delete(RUN);

        assertFalse(Files.exists(folder(), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(kept));
    }

    @Test
    void givenAFileThatCannotBeRenamedIntoPlace_thenEarlierFilesStayValidAndNoTempFileRemains() throws IOException {
        // A non-empty directory under the final name makes the atomic rename fail, even for root.
        Path blocker = Files.createDirectories(folder().resolve("report.html"));
        Files.writeString(blocker.resolve("keep"), "occupied");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> artifacts().write(SampleRuns.summary(), null));

        assertTrue(e.getMessage().contains("report.html"), e.getMessage());
        assertTrue(e.getMessage().contains("report.json, report.csv, timeline.csv"), e.getMessage());
        assertEquals(List.of("report.csv", "report.html", "report.json", "timeline.csv"), listing(folder()));
        assertEquals(List.of("keep"), listing(blocker));
        new ObjectMapper().readTree(folder().resolve("report.json").toFile());
        assertTrue(Files.readString(folder().resolve("report.csv")).contains("Total"));
    }

    @Test
    void givenARendererThatFailsMidWrite_thenNothingAppearsUnderItsNameAndEarlierFilesStay() throws IOException {
        ReportFile failing = new ReportFile() {
            @Override
            public String fileName() {
                return "report.html";
            }

            @Override
            public void render(RunSummary summary, Analysis analysis, OutputStream out) throws IOException {
                out.write("<!DOCTYPE html><html><body>half a report".getBytes(StandardCharsets.UTF_8));
                out.flush();
                throw new IllegalStateException("template blew up");
            }
        };
        FileRunArtifacts writer = new FileRunArtifacts(dir, SampleRuns.CODEC, Map.of(
                ReportFormat.JSON, List.of(new JsonReport(SampleRuns.CODEC)),
                ReportFormat.CSV, List.of(new StatsCsvReport(), new TimelineCsvReport()),
                ReportFormat.HTML, List.of(failing)), (temp, name) -> { });

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> writer.write(SampleRuns.summary(), null));

        assertTrue(e.getMessage().contains("template blew up"), e.getMessage());
        assertEquals(List.of("report.csv", "report.json", "timeline.csv"), listing(folder()));
        new ObjectMapper().readTree(folder().resolve("report.json").toFile());
    }

    @Test
    void givenAFailureWhileReplacingAReport_thenThePreviousReportIsUntouched() throws IOException {
        byte[] previous = "{\"previous\":true}".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(folder());
        Files.write(folder().resolve("report.json"), previous);
        ReportFile failing = new ReportFile() {
            @Override
            public String fileName() {
                return "report.json";
            }

            @Override
            public void render(RunSummary summary, Analysis analysis, OutputStream out) throws IOException {
                out.write("{\"partial\":".getBytes(StandardCharsets.UTF_8));
                throw new IOException("disk full");
            }
        };
        FileRunArtifacts writer = new FileRunArtifacts(dir, SampleRuns.CODEC, Map.of(ReportFormat.JSON, List.of(failing)),
                (temp, name) -> { });

        assertThrows(UncheckedIOException.class, () -> writer.write(SampleRuns.summary(ReportFormat.JSON), null));

        assertArrayEquals(previous, Files.readAllBytes(folder().resolve("report.json")));
        assertEquals(List.of("report.json"), listing(folder()));
    }

    @Test
    void aHookThatFailsBeforeARenameLeavesNoTemporaryFile() throws IOException {
        FileRunArtifacts writer = new FileRunArtifacts(dir, SampleRuns.CODEC, (temp, name) -> {
            if (name.equals("report.csv")) {
                assertTrue(Files.isRegularFile(temp), "the hook sees the complete temporary file");
                throw new IOException("injected");
            }
        });

        assertThrows(UncheckedIOException.class, () -> writer.write(SampleRuns.summary(), null));

        assertEquals(List.of("report.json"), listing(folder()));
    }

    @Test
    void aReportRootThatCannotBeCreatedIsAnUncheckedIoException() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        assertThrows(UncheckedIOException.class, () -> Reports.under(file.resolve("run")).write(SampleRuns.summary(), null));
        assertFalse(Files.isDirectory(file));
    }
}
