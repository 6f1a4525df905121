package io.maid.goose.testkit;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.out.ArtifactFile;
import io.maid.goose.ports.out.ArtifactRecovery;
import io.maid.goose.ports.out.RunArtifacts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@link RunArtifacts} held in memory, for tests of what drives it (the run service, the API). Meets the
 * same {@link RunArtifactsContract} as the file adapter. It does not render reports: each file it "writes"
 * holds a line naming the file and the run, and {@code report.json} keeps the summary object itself, which
 * {@link #readSummary} returns. Thread-safe (every method is atomic).
 *
 * <p>Test hooks: {@link #put} stores any bytes under a run's file name (an API test's report);
 * {@link #crashWhileWriting} leaves a run as a process killed in the middle of writing its reports would;
 * {@link #failWritesOf} makes writing one file fail, as a full disk would.
 */
public final class InMemoryRunArtifacts implements RunArtifacts {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Map<ReportFormat, List<String>> FILES = Map.of(
            ReportFormat.JSON, List.of(SUMMARY_FILE),
            ReportFormat.CSV, List.of("report.csv", "timeline.csv"),
            ReportFormat.HTML, List.of("report.html"),
            ReportFormat.JUNIT, List.of("report.junit.xml"));

    private final Map<String, Map<String, byte[]>> files = new HashMap<>();
    private final Map<String, RunSummary> summaries = new HashMap<>();
    private final Map<String, Set<String>> temporary = new HashMap<>();
    private String failing;

    @Override
    public synchronized List<String> write(RunSummary summary, Analysis analysis, Set<ReportFormat> formats) {
        String runId = checked(summary.runId());
        List<String> written = new ArrayList<>();
        for (String name : names(formats, analysis != null)) {
            if (name.equals(failing)) {
                throw new UncheckedIOException("cannot write " + name + " of run " + runId + " (already written: "
                        + String.join(", ", written) + "): no space left on device", new IOException("no space left on device"));
            }
            store(summary, name);
            written.add(name);
        }
        return List.copyOf(written);
    }

    @Override
    public synchronized Optional<RunSummary> readSummary(String runId) {
        checked(runId);
        return files.getOrDefault(runId, Map.of()).containsKey(SUMMARY_FILE) ? Optional.ofNullable(summaries.get(runId))
                : Optional.empty();
    }

    @Override
    public synchronized List<String> list(String runId) {
        Map<String, byte[]> run = files.getOrDefault(checked(runId), Map.of());
        return allNames().stream().filter(run::containsKey).toList();
    }

    @Override
    public synchronized Optional<ArtifactFile> open(String runId, String fileName) {
        byte[] content = files.getOrDefault(checked(runId), Map.of()).get(fileName);
        return content == null || !allNames().contains(fileName) ? Optional.empty()
                : Optional.of(new ArtifactFile(fileName, content.length, new ByteArrayInputStream(content)));
    }

    @Override
    public synchronized void delete(String runId) {
        files.remove(checked(runId));
        summaries.remove(runId);
        temporary.remove(runId);
    }

    @Override
    public synchronized ArtifactRecovery recover(String runId, ReportsSpec expected) {
        List<String> removed = new ArrayList<>(temporary.getOrDefault(checked(runId), Set.of()));
        temporary.remove(runId);
        List<String> present = list(runId);
        Set<ReportFormat> missing = EnumSet.noneOf(ReportFormat.class);
        for (ReportFormat f : expected.formats()) {
            if (!present.containsAll(FILES.get(f))) {
                missing.add(f);
            }
        }
        return new ArtifactRecovery(removed, present, missing);
    }

    @Override
    public String location(String runId) {
        return "memory:" + checked(runId);
    }

    /** Stores {@code content} as the run's file {@code fileName} (one of the names this port writes). */
    public synchronized void put(String runId, String fileName, byte[] content) {
        if (!allNames().contains(fileName)) {
            throw new IllegalArgumentException("not a file this port writes: " + fileName);
        }
        files.computeIfAbsent(checked(runId), k -> new HashMap<>()).put(fileName, content.clone());
    }

    /**
     * Leaves {@code summary}'s run as a process killed while writing its reports would: every file of its
     * configured formats up to and including {@code lastCompleteFile} is written, the next one exists only
     * as a temporary file, and nothing after it exists.
     */
    public synchronized void crashWhileWriting(RunSummary summary, String lastCompleteFile) {
        List<String> names = names(EnumSet.copyOf(nonEmpty(summary.config().reports())), false);
        int last = names.indexOf(lastCompleteFile);
        if (last < 0 || last == names.size() - 1) {
            throw new IllegalArgumentException(lastCompleteFile + " is not followed by another file of the run");
        }
        for (int i = 0; i <= last; i++) {
            store(summary, names.get(i));
        }
        temporary.computeIfAbsent(summary.runId(), k -> new LinkedHashSet<>())
                .add("." + names.get(last + 1) + ".00000000-0000-4000-8000-000000000000.tmp");
    }

    /** Makes every later write of {@code fileName} fail (after the files before it); null to stop failing. */
    public synchronized void failWritesOf(String fileName) {
        failing = fileName;
    }

    private void store(RunSummary summary, String name) {
        files.computeIfAbsent(summary.runId(), k -> new HashMap<>())
                .put(name, (name + " of run " + summary.runId() + "\n").getBytes(StandardCharsets.UTF_8));
        if (name.equals(SUMMARY_FILE)) {
            summaries.put(summary.runId(), summary);
        }
    }

    private static List<ReportFormat> nonEmpty(ReportsSpec spec) {
        if (spec.formats().isEmpty()) {
            throw new IllegalArgumentException("a run without report formats writes nothing to crash in");
        }
        return spec.formats();
    }

    private static List<String> names(Set<ReportFormat> formats, boolean analysis) {
        List<String> names = new ArrayList<>();
        for (ReportFormat f : ReportFormat.values()) {
            if (formats.contains(f)) {
                names.addAll(FILES.get(f));
            }
        }
        if (analysis) {
            names.add(ANALYSIS_FILE);
        }
        return names;
    }

    private static List<String> allNames() {
        return names(EnumSet.allOf(ReportFormat.class), true);
    }

    private static String checked(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches() || runId.contains("..")) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
        return runId;
    }
}
