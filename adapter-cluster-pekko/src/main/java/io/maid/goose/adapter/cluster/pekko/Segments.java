package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.FeedStrategy;
import io.maid.goose.ports.in.InvalidRunConfigException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a run into one deterministic segment per worker, after k6's execution segments: user {@code i} runs on
 * worker {@code i mod N}, so worker {@code w} runs {@code ceil((users - w) / N)} users; the hatch rate and the
 * throughput cap are split in proportion to those users (so every worker ramps up in the same time); a
 * {@code unique} feeder's rows are dealt out the same way (row {@code j} to worker {@code j mod N}), so no row is
 * used twice across workers. Circular and random feeders go whole to every worker.
 *
 * <p>The open model's arrival rate, once the config has one, is to be split like the hatch rate, in
 * {@link #share}. A segment has no distribution of its own: a worker runs it as a local run.
 */
public final class Segments {
    private Segments() {
    }

    /** Users of worker {@code w} of {@code n}: how many {@code i < users} have {@code i mod n == w}. */
    public static int users(int users, int n, int w) {
        return users / n + (w < users % n ? 1 : 0);
    }

    /**
     * @throws InvalidRunConfigException when the plan is not the shorthand, there are more workers than users, or a
     *                                   unique feeder has fewer rows than workers (each worker needs at least one)
     */
    public static List<RunConfig> split(RunConfig config, int n) {
        List<ConfigViolation> problems = new ArrayList<>();
        if (!config.isShorthand()) {
            problems.add(new ConfigViolation("/load", "a distributed run splits the shorthand plan (users, hatch_rate,"
                    + " duration) over its workers; staged and open load plans run on one process for now"));
        }
        if (n > config.users()) {
            problems.add(new ConfigViolation("/distribution/workers", "a run of " + config.users() + " users cannot be"
                    + " split over " + n + " workers: each runs at least one user"));
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
        Double cap = c.throughputCapRps() == null ? null : share(c.throughputCapRps(), users, c.users());
        List<DataFeeder> data = new ArrayList<>(c.data().size());
        for (DataFeeder d : c.data()) {
            data.add(d.strategy() == FeedStrategy.UNIQUE && d.source() instanceof FeedSource.Rows rows
                    ? d.withSource(new FeedSource.Rows(rows.columns(), dealt(rows.rows(), n, w))) : d);
        }
        return new RunConfig(c.targetBaseUrl(), users, hatch, c.duration(), c.thinkTime(), c.scenarios(), c.scheduler(),
                c.reports(), c.pluginHints(), c.tls(), c.requestTimeoutSeconds(), cap, c.maxResponseBytes(), data,
                c.maxCaptureBytes(), c.thresholds(), null, null);
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
