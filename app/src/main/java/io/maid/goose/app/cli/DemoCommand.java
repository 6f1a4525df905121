package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.adapter.http.helidon.auth.StaticApiKeyIntrospector.ApiKeyEntry;
import io.maid.goose.app.Composition;
import io.maid.goose.app.ExitCodes;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.app.service.AdminKeyBootstrap;
import io.maid.goose.app.service.ServiceRuntime;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsException;
import io.maid.goose.app.settings.SettingsLoader;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.ports.out.DecodeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code goose demo}: the product end to end, through the real service. It starts an in-process demo
 * target on 127.0.0.1 and the run service on a free port, POSTs {@code examples/demo.json} to
 * {@code /api/goose/run} with a one-off API key, follows the run over the WebSocket stream, prints the
 * summary, the reports and the target's own request count, and checks the run is in the history. Its
 * {@code member} scenario is a login flow (log in for a token, read the own profile with it, log out), and the
 * target answers a wrong profile now and then, so the summary's checks table shows the target's own count of
 * wrong answers as failed checks.
 */
@Command(name = "demo", description = "Run a real load test end to end: demo target, run service, WebSocket progress, reports.")
public final class DemoCommand implements Callable<Integer> {
    static final String DEMO_RESOURCE = "/examples/demo.json";
    /** The demo target answers another user's profile on every 25th {@code /profile}, for the check to catch. */
    static final int WRONG_PROFILE_EVERY = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Maintain phase length (default: the example's, 13 s).")
    Long durationSeconds;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Report folder (default: settings persistence.report_dir).")
    Path reportDir;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "History folder (default: settings persistence.data_dir).")
    Path dataDir;

    @Option(names = "--transport", paramLabel = "NAME", description = "Load transport: lean, lean-threads or httpclient5.")
    String transport;

    @Option(names = "--event-loops", paramLabel = "N", description = "Event loops for the lean transport (default: half the cores).")
    Integer eventLoops;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "Fit the progress lines and the summary to this many columns (default: $COLUMNS, else the terminal's width, else 120).")
    Integer width;

    @Override
    public Integer call() throws Exception {
        if (TerminalWidth.problem(width) != null) {
            System.err.println("goose demo: " + TerminalWidth.problem(width));
            return ExitCodes.INVALID_CONFIG;
        }
        int columns = TerminalWidth.detect(width);
        Settings settings;
        try {
            settings = demoSettings(new SettingsLoader().load((Path) null, System.getenv()));
        } catch (SettingsException e) {
            System.err.println("goose demo: invalid settings: " + e.getMessage());
            return ExitCodes.INVALID_CONFIG;
        }
        PrintStream out = System.out;
        String key = "goose_demo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(18));
        ApiKeyEntry demoKey = new ApiKeyEntry("demo", AdminKeyBootstrap.sha256Hex(key), Set.of("read:loadtests", "write:loadtests"));
        try (DemoTarget target = new DemoTarget(WRONG_PROFILE_EVERY);
             ServiceRuntime service = ServiceRuntime.start(settings, List.of(demoKey), out)) {
            Consumer<String> say = line -> out.print(ConsoleFormat.wrapped(line, columns, 2));
            say.accept("goose demo: target  " + target.baseUrl() + "  (/ fast, /slow 50 ms, /flaky 5% HTTP 500, /login"
                    + " issues a token per user, /profile needs it and answers a wrong profile every "
                    + WRONG_PROFILE_EVERY + "th time, /logout ends it)");
            say.accept("goose demo: service " + service.baseUrl() + "  (a one-off demo API key is in use; runs may target "
                    + service.allowedTargets().describe() + ")");
            CompletableFuture<RunSummary> ended = new CompletableFuture<>();
            service.coordinator().subscribe(e -> {
                if (e instanceof RunEnded r) {
                    ended.complete(r.summary());
                }
            });
            ServiceClient api = new ServiceClient(service.baseUrl(), key);
            try (StreamFollower follower = StreamFollower.open(api, out, columns)) {
                RunConfig config;
                try {
                    config = demoConfig(target.baseUrl(), durationSeconds);
                } catch (DemoConfigException e) {
                    ValidateCommand.printViolations(Path.of(DEMO_RESOURCE.substring(1)), e.invalid);
                    return ExitCodes.INVALID_CONFIG;
                }
                ObjectNode body = JSON.createObjectNode();
                body.set("config", JSON.readTree(Composition.codec().encode(config)));
                JsonNode started = api.post("/run", body);
                String runId = started.get("run_id").asText();
                say.accept("goose demo: POST /api/goose/run -> run " + runId + " (phase " + started.at("/status/phase").asText() + ")");
                // POST /run answers with the status object of docs/api.md, which has no planned length; /status has it.
                follower.release(runId, api.get("/status").at("/status/planned_seconds").asLong());
                try (SignalStopper ignored = new SignalStopper(() -> api.postQuietly("/stop"), System.err)) {
                    RunSummary summary = ended.get(config.duration().seconds() + 120, TimeUnit.SECONDS);
                    if (!follower.awaitEnd(Duration.ofSeconds(10))) {
                        say.accept("goose demo: the stream did not deliver the run's end within 10 s; the summary follows");
                    }
                    out.print(SummaryTable.render(summary, columns));
                    say.accept(String.format(Locale.ROOT, "ground truth: the target received %d requests; the engine counted %d",
                            target.requestsReceived(), summary.total().count() - summary.abandonedRequests()));
                    say.accept(String.format(Locale.ROOT, "ground truth: the target issued %d tokens, ended %d,"
                                    + " refused %d and gave %d wrong profiles; failed checks: %d",
                            target.logins(), target.logouts(), target.refusedTokens(), target.wrongProfiles(),
                            summary.checksFailed()));
                }
                JsonNode record = awaitReports(api, runId);
                Path dir = Path.of(Composition.artifacts(Path.of(settings.persistence().reportDir())).location(runId));
                List<String> files = new ArrayList<>();
                record.path("report_files").forEach(f -> files.add(f.asText()));
                // Lines that carry a path are not wrapped: the path is what they are for.
                out.println(ConsoleFormat.reports(dir, files));
                out.println("history: GET /api/goose/history lists run " + runId + " as "
                        + record.get("status").asText() + " (stored in " + settings.persistence().databasePath() + ")");
                out.println("open the HTML report: file://" + dir.resolve("report.html"));
            }
            return ExitCodes.OK;
        }
    }

    private Settings demoSettings(Settings s) {
        Settings.Persistence p = s.persistence();
        String data = dataDir != null ? dataDir.toString() : p.dataDir();
        String db = dataDir != null ? dataDir.resolve("goose.db").toString() : p.databasePath();
        String reports = reportDir != null ? reportDir.toString() : p.reportDir();
        Settings.Engine kind = TransportChoice.resolve(s.engine(), transport, eventLoops);
        if (kind == null) {
            throw new SettingsException("invalid --transport or --event-loops (see above)");
        }
        return new Settings(new Settings.Server("127.0.0.1", 0, s.server().websocketPath(), s.server().cors()),
                new Settings.Persistence(db, reports, data, p.maxHistory()),
                new Settings.Security(true, null, List.of(), s.security().allowedTargetsSet()
                        ? s.security().allowedTargets() : List.of(TargetAllowList.ANY)),
                s.pluginBus(), kind);
    }

    private static JsonNode awaitReports(ServiceClient api, String runId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode run = api.get("/history/" + runId);
            String reports = run.path("reports_state").asText();
            if (reports.equals("written") || reports.equals("failed") || System.nanoTime() > deadline) {
                return run;
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling the API for a background write, bounded by the deadline
        }
    }

    /** The packaged demo config, pointed at {@code baseUrl}, optionally with another maintain length. */
    public static RunConfig demoConfig(String baseUrl, Long durationSeconds) throws IOException {
        String json;
        try (InputStream in = DemoCommand.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IOException("the demo config " + DEMO_RESOURCE + " is missing from the jar");
            }
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ConfigOverrides overrides = ConfigOverrides.none().text("the demo target", "/target_base_url", baseUrl)
                .number("--duration", "/duration/seconds", durationSeconds == null ? null : durationSeconds.toString());
        DecodeResult decoded = ConfigFiles.decode(json, Composition.codec(), overrides);
        if (decoded instanceof DecodeResult.Invalid invalid) {
            throw new DemoConfigException(invalid);
        }
        return ((DecodeResult.Valid) decoded).config();
    }

    /** The demo config with the options given is invalid (a bad {@code --duration}, say). */
    static final class DemoConfigException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient DecodeResult.Invalid invalid;

        DemoConfigException(DecodeResult.Invalid invalid) {
            super("the demo config is invalid: " + invalid.violations());
            this.invalid = invalid;
        }
    }

    static Map<String, String> headers(String key) {
        Map<String, String> h = new HashMap<>();
        h.put("x-api-key", key);
        return h;
    }
}
