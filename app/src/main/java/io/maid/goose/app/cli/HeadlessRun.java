package io.maid.goose.app.cli;

import io.maid.goose.app.Composition;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.ports.in.LoadTestEngine;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.RunArtifacts;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Runs one config in-process with live console progress, then prints the summary and writes the reports. */
public final class HeadlessRun {
    /**
     * What a headless run produced.
     *
     * @param reportFailure why the reports could not be written, or null when they were
     */
    public record Result(RunSummary summary, Path reportDirectory, List<String> reportFiles, String reportFailure) {
    }

    private HeadlessRun() {
    }

    /**
     * Runs {@code config}, fitting the progress lines and the summary to {@code width} columns.
     *
     * @param allowedTargets the hosts redirects may lead to
     */
    public static Result execute(RunConfig config, Settings.Engine transportChoice, TargetAllowList allowedTargets,
                                 Path reportRoot, int width, PrintStream out, PrintStream err) throws InterruptedException {
        RunSummary summary;
        try (LoadTransport transport = Composition.transport(transportChoice);
             ConsoleProgress progress = new ConsoleProgress(out, width)) {
            GooseEngine engine = Composition.engine(transport, allowedTargets, progress);
            summary = follow(engine, config, progress, err);
        }
        return report(summary, reportRoot, width, out, err);
    }

    /** Starts {@code config} on {@code engine} (local or a cluster's), prints its progress and awaits its end. */
    static RunSummary follow(LoadTestEngine engine, RunConfig config, ConsoleProgress progress, PrintStream err)
            throws InterruptedException {
        RunHandle handle = engine.start(StartRunCommand.of(config));
        progress.begin(List.of(String.format(Locale.ROOT, "goose: run %s started: %d users at %s/s against %s",
                handle.runId(), config.users(), ConsoleFormat.number(config.hatchRate()), config.targetBaseUrl())),
                engine.status().plannedSeconds());
        try (SignalStopper ignored = new SignalStopper(engine::stop, err)) {
            return handle.await();
        }
    }

    /** Prints the summary and writes the reports of a finished run. */
    static Result report(RunSummary summary, Path reportRoot, int width, PrintStream out, PrintStream err) {
        out.print(SummaryTable.render(summary, width));
        RunArtifacts artifacts = Composition.artifacts(reportRoot);
        Path dir = Path.of(artifacts.location(summary.runId()));
        List<String> files;
        try {
            files = artifacts.write(summary, null);
        } catch (UncheckedIOException e) {
            Path where = dir.toAbsolutePath().normalize();
            String cause = IoProblems.describe(e, where);
            err.println("goose: could not write the reports to " + where + ": " + cause);
            return new Result(summary, dir, List.of(), cause);
        }
        out.println(ConsoleFormat.reports(dir.toAbsolutePath().normalize(), files));
        return new Result(summary, dir, files, null);
    }
}
