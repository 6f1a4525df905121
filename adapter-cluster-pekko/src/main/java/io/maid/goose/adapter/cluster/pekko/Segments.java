package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.FeedStrategy;
import io.maid.goose.ports.in.InvalidRunConfigException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a run into one deterministic segment per worker, after k6's execution segments: user {@code i} runs on
 * worker {@code i mod N}, so of any {@code u} users worker {@code w} runs {@link #users(int, int, int)
 * floor(u / N) + (w < u mod N ? 1 : 0)} (the largest-remainder split with ties to the lower worker index); the
 * workers' counts add up to {@code u} exactly. Per plan:
 * <ul>
 *   <li>the shorthand: the users split so; the hatch rate and the throughput cap in proportion to each worker's
 *       users, so every worker ramps up in the same time;</li>
 *   <li>closed stages ({@code load.stages}): every stage's {@code users} split so, {@code over_seconds} the same
 *       for all, so at every stage boundary the workers' targets add up to the plan's; the throughput cap in
 *       proportion to each worker's peak;</li>
 *   <li>the open model ({@code load.arrival}): {@code start_rate_per_second}, every stage's
 *       {@code rate_per_second} and the throughput cap divided by N (fractional rates: they add up to the plan's
 *       to within floating-point rounding), {@code pre_allocated_users} and {@code max_users} split so (each
 *       worker has at least one user, as {@code max_users >= N}); with its place in the run
 *       ({@code StartRunCommand.Segment}) each worker's arrivals are the plan's arrivals {@code w, w + N, ...},
 *       so together they are exactly the plan's.</li>
 * </ul>
 * A {@code unique} feeder's rows are dealt out the same way (row {@code j} to worker {@code j mod N}), so no row
 * is used twice across workers. Circular and random feeders go whole to every worker. A segment has no
 * distribution of its own: a worker runs it as a local run.
 */
public final class Segments {
    private Segments() {
    }

    /** Users of worker {@code w} of {@code n}: how many {@code i < users} have {@code i mod n == w}. */
    public static int users(int users, int n, int w) {
        return users / n + (w < users % n ? 1 : 0);
    }

    /**
     * @throws InvalidRunConfigException when there are more workers than the plan's peak users ({@code max_users} in
     *                                   the open model), or a unique feeder has fewer rows than workers (each worker
     *                                   needs at least one)
     */
    public static List<RunConfig> split(RunConfig config, int n) {
        List<ConfigViolation> problems = new ArrayList<>();
        if (n > config.users()) {
            problems.add(new ConfigViolation("/distribution/workers", "a run of " + config.users() + " users"
                    + (config.load() instanceof LoadPlan.Arrival ? " (max_users)" : config.isShorthand() ? "" : " at its peak")
                    + " cannot be split over " + n + " workers: each runs at least one user"));
        }
        for (int f = 0; f < config.data().size(); f++) {
            DataFeeder d = config.data().get(f);
            if (d.strategy() == FeedStrategy.UNIQUE && d.source() instanceof FeedSource.Rows rows && rows.rows().size() < n) {
                problems.add(new ConfigViolation("/data/" + f + "/rows", "the unique feeder '" + d.name() + "' has "
                        + rows.rows().size() + " rows, fewer than the " + n + " workers: each worker needs its own rows"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRunConfigException(problems);
        }
        List<RunConfig> segments = new ArrayList<>(n);
        for (int w = 0; w < n; w++) {
            segments.add(segment(config, n, w));
        }
        return segments;
    }

    private static RunConfig segment(RunConfig c, int n, int w) {
        int users = users(c.users(), n, w);
        double hatch = Math.max(RunConfig.MIN_HATCH_RATE, share(c.hatchRate(), users, c.users()));
        boolean open = c.load() instanceof LoadPlan.Arrival;
        Double cap = c.throughputCapRps() == null ? null
                : open ? c.throughputCapRps() / n : share(c.throughputCapRps(), users, c.users());
        List<DataFeeder> data = new ArrayList<>(c.data().size());
        for (DataFeeder d : c.data()) {
            data.add(d.strategy() == FeedStrategy.UNIQUE && d.source() instanceof FeedSource.Rows rows
                    ? d.withSource(new FeedSource.Rows(rows.columns(), dealt(rows.rows(), n, w))) : d);
        }
        return new RunConfig(c.targetBaseUrl(), users, hatch, c.duration(), c.thinkTime(), c.scenarios(), c.scheduler(),
                c.reports(), c.pluginHints(), c.tls(), c.requestTimeoutSeconds(), cap, c.maxResponseBytes(), data,
                c.maxCaptureBytes(), c.thresholds(), plan(c.load(), n, w), null);
    }

    /** Worker {@code w}'s part of {@code plan}; null for the shorthand, which the config's fields carry. */
    static LoadPlan plan(LoadPlan plan, int n, int w) {
        return switch (plan) {
            case LoadPlan.Ramp ramp -> null;
            case LoadPlan.Stages staged -> new LoadPlan.Stages(staged.stages().stream()
                    .map(s -> new LoadPlan.Stage(users(s.users(), n, w), s.overSeconds())).toList());
            case LoadPlan.Arrival a -> new LoadPlan.Arrival(a.startRatePerSecond() / n, a.stages().stream()
                    .map(s -> new LoadPlan.RateStage(s.ratePerSecond() / n, s.overSeconds())).toList(),
                    users(a.preAllocatedUsers(), n, w), users(a.maxUsers(), n, w));
        };
    }

    /** A rate's part for {@code part} of {@code whole} users. */
    static double share(double rate, int part, int whole) {
        return rate * part / whole;
    }

    private static List<List<String>> dealt(List<List<String>> rows, int n, int w) {
        List<List<String>> mine = new ArrayList<>(rows.size() / n + 1);
        for (int j = w; j < rows.size(); j += n) {
            mine.add(rows.get(j));
        }
        return mine;
    }
}
