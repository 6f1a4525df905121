package io.maid.goose.app.cli;

import io.maid.goose.adapter.cluster.pekko.ClusterSettings;
import io.maid.goose.adapter.cluster.pekko.ClusterSettingsException;
import io.maid.goose.app.Composition;
import io.maid.goose.app.ExitCodes;
import io.maid.goose.app.cluster.ClusterWiring;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.domain.threshold.Verdict;
import io.maid.goose.ports.in.WorkersUnavailableException;
import io.maid.goose.ports.out.DecodeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code goose run FILE}: a headless load test, through the same run lifecycle as the service (history,
 * reports, retention). Exit 0 when the run completes, its reports are written and every threshold passes (or
 * there are none; errors are measurements), 3 when a threshold fails (an abort_on_fail stop included), 2 for an
 * invalid or unreadable config, 1 when the run failed for another reason, its reports could not be written, or on
 * an internal failure.
 */
@Command(name = "run", description = "Run a load test headless, with live progress, a summary and reports.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Run config: bare, or wrapped as {\"config\": {...}}.")
    Path file;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports",
            description = "Where <run_id>/report.* go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "History folder: the run is recorded in DIR/goose.db (default: settings persistence.database_path).")
    Path dataDir;

    @Option(names = "--transport", paramLabel = "NAME",
            description = "Load transport: lean, lean-threads or httpclient5 (default: settings engine.transport, env MAID__ENGINE__TRANSPORT).")
    String transport;

    @Option(names = "--event-loops", paramLabel = "N",
            description = "Event loops for the lean transport (default: settings engine.event_loops, else half the cores).")
    Integer eventLoops;

    @Option(names = "--users", paramLabel = "N", description = "Virtual users, instead of the file's users.")
    String users;

    @Option(names = "--hatch-rate", paramLabel = "RATE", description = "Users started per second, instead of the file's hatch_rate.")
    String hatchRate;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Maintain phase length in seconds, instead of the file's duration.seconds.")
    String duration;

    @Option(names = "--target", paramLabel = "URL", description = "Target base URL, instead of the file's target_base_url.")
    String target;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "Fit the progress lines and the summary to this many columns (default: $COLUMNS, else the terminal's width, else 120).")
    Integer width;

    @Option(names = "--cluster", description = "Be the coordinator of a cluster: the run goes to the workers that join"
            + " this node (goose worker --cluster HOST:PORT); settings engine.cluster.* (secret required).")
    boolean cluster;

    @Option(names = "--workers", paramLabel = "N", description = "With --cluster: how many workers run it, instead of the"
            + " file's distribution.workers (default: every worker that has joined).")
    String workers;

    @Option(names = "--wait-workers", paramLabel = "SECONDS", defaultValue = "120",
            description = "With --cluster: how long to wait for the workers (default: ${DEFAULT-VALUE}).")
    long waitWorkers;

    @Option(names = "--port", paramLabel = "PORT", description = "With --cluster: the node's port (default: settings"
            + " engine.cluster.bind_port, 25520).")
    Integer clusterPort;

    @Override
    public Integer call() throws Exception {
        Settings settings = CliSettings.load("goose", null);
        if (settings == null) {
            return ExitCodes.INVALID_CONFIG;
        }
        Settings.Engine kind = TransportChoice.resolve(settings.engine(), transport, eventLoops);
        if (kind == null) {
            return ExitCodes.INVALID_CONFIG;
        }
        if (TerminalWidth.problem(width) != null) {
            System.err.println("goose: " + TerminalWidth.problem(width));
            return ExitCodes.INVALID_CONFIG;
        }
        String text;
        try {
            text = ConfigFiles.read(file);
        } catch (ConfigFiles.UnreadableFileException e) {
            return ValidateCommand.unreadable(e);
        }
        DecodeResult decoded = ConfigFiles.decode(text, Composition.codec(), overrides());
        // History keeps the config as written (a CSV feeder as its path); the engine gets its rows.
        RunConfig asWritten = decoded instanceof DecodeResult.Valid valid ? valid.config() : null;
        if (asWritten != null) {
            decoded = ConfigFiles.withFeeds(file, text, asWritten);
        }
        if (decoded instanceof DecodeResult.Invalid invalid) {
            ValidateCommand.printViolations(file, invalid);
            return ExitCodes.INVALID_CONFIG;
        }
        RunConfig config = ((DecodeResult.Valid) decoded).config();
        TargetAllowList allowed = CommandLineTargets.resolve(System.err);
        if (allowed == null) {
            return ExitCodes.INVALID_CONFIG;
        }
        if (!allowed.allows(config.targetBaseUrl())) {
            System.err.println("goose run: target host '" + config.targetBaseUrl().getHost()
                    + "' is not in security.allowed_targets (" + allowed.describe() + "), which a settings file or"
                    + " MAID__SECURITY__ALLOWED_TARGETS sets; without it, goose run may target any host");
            return ExitCodes.INVALID_CONFIG;
        }
        Settings.Persistence persistence = settings.persistence();
        Path database = dataDir != null ? dataDir.resolve("goose.db") : Path.of(persistence.databasePath());
        HeadlessRun.Storage storage = new HeadlessRun.Storage(database, reportDir, persistence.maxHistory());
        HeadlessRun.Result r;
        if (cluster) {
            ClusterSettings cs;
            try {
                cs = ClusterWiring.settings(settings.engine().cluster(), null, null, clusterPort).validate();
            } catch (ClusterSettingsException e) {
                System.err.println("goose run --cluster: " + e.getMessage());
                return ExitCodes.INVALID_CONFIG;
            }
            try {
                r = ClusterHeadlessRun.execute(asWritten, config, file, cs, Duration.ofSeconds(waitWorkers), storage,
                        TerminalWidth.detect(width), System.out, System.err);
            } catch (WorkersUnavailableException e) {
                System.err.println("goose run --cluster: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            if (r == null) {
                return ExitCodes.FAILED;
            }
        } else {
            r = HeadlessRun.execute(asWritten, config, file, kind, allowed, storage, TerminalWidth.detect(width),
                    System.out, System.err);
        }
        return exitCode(r);
    }

    /** 1 before 3: a run that broke, or whose reports are missing, says nothing reliable about its thresholds. */
    static int exitCode(HeadlessRun.Result r) {
        RunSummary s = r.summary();
        if (r.reportFailure() != null || (s.state() == RunState.FAILED && !s.abortedByThreshold())) {
            return ExitCodes.FAILED;
        }
        return s.verdict() == Verdict.FAILED ? ExitCodes.THRESHOLD_FAILED : ExitCodes.OK;
    }
    private ConfigOverrides overrides() {
        return ConfigOverrides.none()
                .number("--users", "/users", users)
                .number("--hatch-rate", "/hatch_rate", hatchRate)
                .number("--duration", "/duration/seconds", duration)
                .text("--target", "/target_base_url", target)
                .number("--workers", "/distribution/workers", workers);
    }
}
