package io.maid.goose.domain;

import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FlowRules;
import io.maid.goose.domain.flow.ThinkTime;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.domain.threshold.Thresholds;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything a load test needs: the target, the load shape and the scenarios. The wire form is the
 * snake_case JSON of the API's {@code POST /api/goose/run}.
 *
 * <p>The load is {@link #load()}. Given as the shorthand ({@code load} null or a {@link LoadPlan.Ramp}),
 * {@code users}, {@code hatchRate} and {@code duration} are validated and make the plan. With staged or open
 * {@code load} they are derived from it, whatever was passed: {@code users} is its peak
 * ({@link LoadPlan#peakUsers()}), {@code hatchRate} its fastest launch rate (closed) or its peak arrival rate
 * (open), and {@code duration} its planned length in whole seconds, so that readers of those fields still get
 * a fair description.
 *
 * @param targetBaseUrl         absolute http or https URL that request paths are resolved against
 * @param users                 virtual users, 1..100000
 * @param hatchRate             users launched per second, {@value #MIN_HATCH_RATE}..1000000, fractional allowed
 * @param duration              how long maintain holds all users
 * @param thinkTime             pause after every transaction (fixed, or a uniform range), 0..3600 s; a
 *                              transaction may set its own
 * @param scenarios             at least one, unique names
 * @param scheduler             how scenarios are assigned to users
 * @param reports               report formats to write
 * @param pluginHints           free-form plugin hints
 * @param tls                   TLS verification settings
 * @param requestTimeoutSeconds connect and response timeout per request, also the shutdown grace, default 30
 * @param throughputCapRps      optional cap on total requests per second ({@code null}: none)
 * @param maxResponseBytes      the largest response body a request may receive, {@value #MIN_RESPONSE_BYTES} ..
 *                              {@value #MAX_RESPONSE_BYTES}, default {@value #DEFAULT_MAX_RESPONSE_BYTES} (64 MiB);
 *                              a larger one fails the request as {@link ErrorKind#BODY_TOO_LARGE}
 * @param data                  the data feeders transactions take rows from ({@code data[]}), unique names
 * @param maxCaptureBytes       how much of a response body is kept for checks and extractors, 1 KiB ..
 *                              {@value #MAX_CAPTURE_BYTES}, default {@value #DEFAULT_MAX_CAPTURE_BYTES} (1 MiB); the rest
 *                              is still read and counted
 * @param thresholds            pass/fail rules over the run's measurements, for CI ({@code thresholds[]}); each
 *                              scope names a transaction or request key of the scenarios
 * @param load                  the load plan ({@code null}: the shorthand of {@code users}, {@code hatchRate} and
 *                              {@code duration})
 * @param distribution          how the run is spread over a cluster's workers; {@code null} when the config does
 *                              not say (a local run, or every worker that has joined)
 */
public record RunConfig(URI targetBaseUrl, int users, double hatchRate, RunDuration duration,
                        ThinkTime thinkTime, List<Scenario> scenarios, SchedulerKind scheduler,
                        ReportsSpec reports, PluginHints pluginHints, TlsSpec tls, double requestTimeoutSeconds,
                        Double throughputCapRps, long maxResponseBytes, List<DataFeeder> data, int maxCaptureBytes,
                        List<Threshold> thresholds, LoadPlan load, Distribution distribution) {

    public static final int MAX_USERS = 100_000;
    public static final double DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;
    /**
     * The slowest hatch rate, one user every 1000 s. Slower rates are refused because the increase phase
     * would outlast any planned run (a rate of 1e-300 never starts the second user).
     */
    public static final double MIN_HATCH_RATE = 0.001;
    public static final double MAX_HATCH_RATE = 1_000_000;
    /** 64 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;
    /** 1 KiB. */
    public static final long MIN_RESPONSE_BYTES = 1024;
    /** 2 GiB. */
    public static final long MAX_RESPONSE_BYTES = 2L * 1024 * 1024 * 1024;
    /** 1 MiB. */
    public static final int DEFAULT_MAX_CAPTURE_BYTES = 1024 * 1024;
    /** 64 MiB. */
    public static final int MAX_CAPTURE_BYTES = 64 * 1024 * 1024;

    public RunConfig {
        Checks.required("target_base_url", targetBaseUrl);
        String scheme = targetBaseUrl.getScheme() == null ? "" : targetBaseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!targetBaseUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))
                || targetBaseUrl.getHost() == null || targetBaseUrl.getHost().isEmpty()) {
            throw new ConfigException("target_base_url", "must be an absolute http or https URL with a host, was '" + targetBaseUrl + "'");
        }
        if (targetBaseUrl.getRawQuery() != null || targetBaseUrl.getRawFragment() != null) {
            throw new ConfigException("target_base_url", "must not carry a query or fragment; put query parameters on the request");
        }
        if (load == null || load instanceof LoadPlan.Ramp) {
            Checks.range("users", users, 1, MAX_USERS);
            Checks.range("hatch_rate", hatchRate, MIN_HATCH_RATE, MAX_HATCH_RATE);
            Checks.required("duration", duration);
            LoadPlan.Ramp shorthand = new LoadPlan.Ramp(users, hatchRate, duration.seconds());
            if (load != null && !load.equals(shorthand)) {
                throw new ConfigException("load", "a shorthand plan must match users, hatch_rate and duration");
            }
            load = shorthand;
        } else {
            users = load.peakUsers();
            hatchRate = derivedRate(load);
            duration = new RunDuration(Math.max(1, (long) Math.ceil(load.plannedSeconds())));
        }
        thinkTime = thinkTime == null ? ThinkTime.NONE : thinkTime;
        scenarios = Checks.copy("scenarios", scenarios);
        if (scenarios.isEmpty()) {
            throw new ConfigException("scenarios", "must hold at least one scenario");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < scenarios.size(); i++) {
            if (!names.add(scenarios.get(i).name())) {
                throw new ConfigException("scenarios/" + i + "/name", "duplicate scenario name '" + scenarios.get(i).name() + "'");
            }
        }
        scheduler = scheduler == null ? SchedulerKind.ROUND_ROBIN : scheduler;
        reports = reports == null ? ReportsSpec.all() : reports;
        pluginHints = pluginHints == null ? PluginHints.none() : pluginHints;
        tls = tls == null ? TlsSpec.defaults() : tls;
        Checks.positive("request_timeout_seconds", requestTimeoutSeconds, 3600);
        if (throughputCapRps != null) {
            Checks.positive("throughput_cap_rps", throughputCapRps, 10_000_000);
        }
        Checks.range("max_response_bytes", maxResponseBytes, MIN_RESPONSE_BYTES, MAX_RESPONSE_BYTES);
        data = Checks.copy("data", data);
        Checks.range("max_capture_bytes", maxCaptureBytes, 1024, MAX_CAPTURE_BYTES);
        FlowRules.require(scenarios, data);
        thresholds = thresholds == null ? List.of() : Checks.copy("thresholds", thresholds);
        List<ConfigException> wrongScopes = Thresholds.problems(thresholds, scenarios);
        if (!wrongScopes.isEmpty()) {
            throw wrongScopes.get(0);
        }
        if (distribution != null && distribution.workers() != null && distribution.workers() > users) {
            throw new ConfigException("distribution/workers", "must not exceed users (" + users
                    + "): each worker runs at least one user, was " + distribution.workers());
        }
    }

    /** A config of the shorthand plan ({@code users}, {@code hatchRate}, {@code duration}), without thresholds. */
    public RunConfig(URI targetBaseUrl, int users, double hatchRate, RunDuration duration, ThinkTime thinkTime,
                     List<Scenario> scenarios, SchedulerKind scheduler, ReportsSpec reports, PluginHints pluginHints,
                     TlsSpec tls, double requestTimeoutSeconds, Double throughputCapRps, long maxResponseBytes,
                     List<DataFeeder> data, int maxCaptureBytes) {
        this(targetBaseUrl, users, hatchRate, duration, thinkTime, scenarios, scheduler, reports, pluginHints, tls,
                requestTimeoutSeconds, throughputCapRps, maxResponseBytes, data, maxCaptureBytes, List.of(), null, null);
    }

    /** A config without a distribution (a run on one process, or every worker that has joined). */
    public RunConfig(URI targetBaseUrl, int users, double hatchRate, RunDuration duration, ThinkTime thinkTime,
                     List<Scenario> scenarios, SchedulerKind scheduler, ReportsSpec reports, PluginHints pluginHints,
                     TlsSpec tls, double requestTimeoutSeconds, Double throughputCapRps, long maxResponseBytes,
                     List<DataFeeder> data, int maxCaptureBytes, List<Threshold> thresholds, LoadPlan load) {
        this(targetBaseUrl, users, hatchRate, duration, thinkTime, scenarios, scheduler, reports, pluginHints, tls,
                requestTimeoutSeconds, throughputCapRps, maxResponseBytes, data, maxCaptureBytes, thresholds, load, null);
    }

    /** This config with {@code data} as its feeders (e.g. CSV files loaded into rows), everything else kept. */
    public RunConfig withData(List<DataFeeder> data) {
        return new RunConfig(targetBaseUrl, users, hatchRate, duration, thinkTime, scenarios, scheduler, reports,
                pluginHints, tls, requestTimeoutSeconds, throughputCapRps, maxResponseBytes, data, maxCaptureBytes,
                thresholds, load, distribution);
    }

    /** This config with {@code thresholds} instead of its own. */
    public RunConfig withThresholds(List<Threshold> thresholds) {
        return new RunConfig(targetBaseUrl, users, hatchRate, duration, thinkTime, scenarios, scheduler, reports,
                pluginHints, tls, requestTimeoutSeconds, throughputCapRps, maxResponseBytes, data, maxCaptureBytes,
                thresholds, load, distribution);
    }

    /** Whether the plan is the shorthand ({@code users}, {@code hatch_rate}, {@code duration}) rather than {@code load}. */
    public boolean isShorthand() {
        return load instanceof LoadPlan.Ramp;
    }

    /** Closed stages: the fastest launch rate; open: the peak arrival rate; within the hatch rate's range. */
    private static double derivedRate(LoadPlan load) {
        double rate = 0;
        if (load instanceof LoadPlan.Stages staged) {
            int previous = 0;
            for (LoadPlan.Stage s : staged.stages()) {
                if (s.users() > previous) {
                    rate = Math.max(rate, (s.users() - previous) / (double) s.overSeconds());
                }
                previous = s.users();
            }
        } else if (load instanceof LoadPlan.Arrival open) {
            rate = open.peakRatePerSecond();
        }
        return Math.min(MAX_HATCH_RATE, Math.max(MIN_HATCH_RATE, rate));
    }

    /** The same config with another distribution. */
    public RunConfig withDistribution(Distribution d) {
        return new RunConfig(targetBaseUrl, users, hatchRate, duration, thinkTime, scenarios, scheduler, reports,
                pluginHints, tls, requestTimeoutSeconds, throughputCapRps, maxResponseBytes, data, maxCaptureBytes,
                thresholds, load, d);
    }

    /** Whether any transaction of any scenario uses a template, a feeder, an extractor or a check. */
    public boolean hasFlows() {
        if (!data.isEmpty()) {
            return true;
        }
        for (Scenario s : scenarios) {
            if (!s.onStart().isEmpty() || !s.onStop().isEmpty()) {
                return true;
            }
            for (Transaction t : s.allTransactions()) {
                if (!t.step().isConstant() || t.feed() != null || !t.extract().isEmpty() || !t.checks().isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The base URL without a trailing slash, ready for a request path to be appended. */
    public String baseUrlWithoutSlash() {
        String s = targetBaseUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public static Builder builder(String targetBaseUrl) {
        return new Builder(URI.create(targetBaseUrl));
    }

    /** A fluent way to build a config in code, for embedding and tests. Defaults follow the schema. */
    public static final class Builder {
        private final URI target;
        private int users = 1;
        private double hatchRate = 1;
        private long durationSeconds = 10;
        private ThinkTime thinkTime = ThinkTime.NONE;
        private final List<DataFeeder> data = new ArrayList<>();
        private int maxCaptureBytes = DEFAULT_MAX_CAPTURE_BYTES;
        private final List<Scenario> scenarios = new ArrayList<>();
        private SchedulerKind scheduler = SchedulerKind.ROUND_ROBIN;
        private ReportsSpec reports = ReportsSpec.all();
        private PluginHints hints = PluginHints.none();
        private TlsSpec tls = TlsSpec.defaults();
        private double requestTimeout = DEFAULT_REQUEST_TIMEOUT_SECONDS;
        private Double cap;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private final List<Threshold> thresholds = new ArrayList<>();
        private LoadPlan load;
        private Distribution distribution;

        private Builder(URI target) {
            this.target = target;
        }

        public Builder users(int users) { this.users = users; return this; }
        public Builder hatchRate(double rate) { this.hatchRate = rate; return this; }
        public Builder durationSeconds(long seconds) { this.durationSeconds = seconds; return this; }
        public Builder thinkTimeSeconds(double seconds) { this.thinkTime = ThinkTime.fixed(seconds); return this; }
        public Builder thinkTime(ThinkTime t) { this.thinkTime = t; return this; }
        public Builder data(DataFeeder feeder) { this.data.add(feeder); return this; }
        public Builder maxCaptureBytes(int bytes) { this.maxCaptureBytes = bytes; return this; }
        public Builder scenario(Scenario scenario) { this.scenarios.add(scenario); return this; }
        public Builder scheduler(SchedulerKind kind) { this.scheduler = kind; return this; }
        public Builder reports(ReportsSpec spec) { this.reports = spec; return this; }
        public Builder pluginHints(PluginHints h) { this.hints = h; return this; }
        public Builder tls(TlsSpec t) { this.tls = t; return this; }
        public Builder requestTimeoutSeconds(double s) { this.requestTimeout = s; return this; }
        public Builder throughputCapRps(Double rps) { this.cap = rps; return this; }
        public Builder maxResponseBytes(long bytes) { this.maxResponseBytes = bytes; return this; }
        public Builder threshold(Threshold t) { this.thresholds.add(t); return this; }
        /** A staged or open plan instead of the shorthand (users, hatch rate and duration are then ignored). */
        public Builder load(LoadPlan plan) { this.load = plan; return this; }
        public Builder distribution(Distribution d) { this.distribution = d; return this; }

        /** Adds a one-transaction scenario named like the request, for the simplest tests. */
        public Builder get(String name, String path) {
            return scenario(new Scenario(name, 1, List.of(Transaction.of(name, RequestSpec.of(HttpMethod.GET, path)))));
        }

        public RunConfig build() {
            return new RunConfig(target, users, hatchRate, new RunDuration(durationSeconds), thinkTime, scenarios,
                    scheduler, reports, hints, tls, requestTimeout, cap, maxResponseBytes, data, maxCaptureBytes,
                    thresholds, load, distribution);
        }
    }
}
