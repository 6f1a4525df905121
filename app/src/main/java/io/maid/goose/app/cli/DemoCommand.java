package io.maid.goose.app.cli;

import io.maid.goose.app.Composition;
import io.maid.goose.app.ExitCodes;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunDuration;
import io.maid.goose.port.out.DecodeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code goose demo}: starts an in-process demo target on 127.0.0.1 and runs {@code examples/demo.json}
 * against it for about 15 s, with live progress, the summary and the reports.
 */
@Command(name = "demo", description = "Run a real load test end to end against an in-process demo target.")
public final class DemoCommand implements Callable<Integer> {
    static final String DEMO_RESOURCE = "/examples/demo.json";

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Maintain phase length (default: the example's).")
    Long durationSeconds;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports",
            description = "Where <run_id>/report.* go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--transport", paramLabel = "NAME", description = "Load transport: lean or httpclient5.")
    String transport;

    @Override
    public Integer call() throws Exception {
        String kind = TransportChoice.resolve(transport);
        if (kind == null) {
            return ExitCodes.INVALID_CONFIG;
        }
        try (DemoTarget target = new DemoTarget()) {
            RunConfig config = demoConfig(target.baseUrl(), durationSeconds);
            System.out.println("goose demo: target " + target.baseUrl() + " (/ fast, /slow 50 ms, /flaky 5% HTTP 500)");
            HeadlessRun.Result r = HeadlessRun.execute(config, kind, reportDir, System.out, System.err);
            System.out.printf("ground truth: the target received %d requests; the engine counted %d%n",
                    target.requestsReceived(), r.summary().total().count() - r.summary().abandonedRequests());
            return ExitCodes.OK;
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
        DecodeResult decoded = ConfigFiles.decode(json, Composition.codec());
        if (!(decoded instanceof DecodeResult.Valid valid)) {
            throw new IllegalStateException("the packaged demo config is invalid: " + decoded);
        }
        RunConfig c = valid.config();
        return new RunConfig(URI.create(baseUrl), c.users(), c.hatchRate(),
                durationSeconds == null ? c.duration() : new RunDuration(durationSeconds), c.thinkTimeSeconds(),
                c.scenarios(), c.scheduler(), c.reports(), c.pluginHints(), c.tls(), c.requestTimeoutSeconds(),
                c.throughputCapRps(), c.maxHistory());
    }
}
