package io.maid.goose.domain;

import java.util.List;

/**
 * The load a run puts on its target, in one of three forms (the config's {@code load}, or the shorthand):
 *
 * <ul>
 *   <li>{@link Ramp}: the shorthand {@code users} + {@code hatch_rate} + {@code duration}: a closed population
 *       launched at the hatch rate, held for the duration, then stopped;</li>
 *   <li>{@link Stages}: a closed population whose target count ramps linearly from the previous stage's
 *       (0 at the start) to each stage's {@code users} over its {@code over_seconds};</li>
 *   <li>{@link Arrival}: the open model: iterations start at a planned rate (ramping linearly from
 *       {@code start_rate_per_second} through each stage's {@code rate_per_second}), each on a free user of a
 *       pool of at most {@code max_users}; an arrival that finds no free user is dropped and counted.</li>
 * </ul>
 *
 * <p>Every plan is at most {@value #MAX_PLAN_SECONDS} s (one day) long. Field names in a
 * {@link ConfigException} are relative to the plan's own object ({@code stages/2/over_seconds}: below
 * {@code load} for closed stages, below {@code load/arrival} for the open model).
 */
public sealed interface LoadPlan permits LoadPlan.Ramp, LoadPlan.Stages, LoadPlan.Arrival {
    /** The longest plan, one day, as the shorthand's maintain is. */
    long MAX_PLAN_SECONDS = 86_400;
    /** The most stages a plan may have. */
    int MAX_STAGES = 1000;
    /** The highest arrival rate, per second. */
    double MAX_RATE_PER_SECOND = 1_000_000;
    /** The most users a staged plan may launch over the whole run (each keeps its counters until the end). */
    long MAX_LAUNCHES = 1_000_000;

    /** The most users alive at once under this plan (the peak, or the open pool's {@code max_users}). */
    int peakUsers();

    /** The planned length in seconds (ramp, maintain and stages; no shutdown grace). */
    double plannedSeconds();

    /** The plan in a few words, for a log line ({@code 4 stages over 85 s, up to 200 users}). */
    default String describe() {
        return switch (this) {
            case Ramp r -> r.users() + " users at " + Checks.fmt(r.hatchRate()) + "/s, maintain " + r.maintainSeconds() + " s";
            case Stages s -> s.stages().size() + (s.stages().size() == 1 ? " stage" : " stages") + " over "
                    + Checks.fmt(s.plannedSeconds()) + " s, up to " + s.peakUsers() + " users";
            case Arrival a -> "open model, " + a.stages().size() + (a.stages().size() == 1 ? " stage" : " stages")
                    + " over " + Checks.fmt(a.plannedSeconds()) + " s, up to " + Checks.fmt(a.peakRatePerSecond())
                    + " arrivals/s on at most " + a.maxUsers() + " users";
        };
    }

    /**
     * The shorthand: {@code users} launched at {@code hatchRate} per second, held for {@code maintainSeconds}.
     * Validated by {@link RunConfig}, whose fields it mirrors.
     */
    record Ramp(int users, double hatchRate, long maintainSeconds) implements LoadPlan {
        @Override
        public int peakUsers() {
            return users;
        }

        @Override
        public double plannedSeconds() {
            return users / hatchRate + maintainSeconds;
        }
    }

    /**
     * One closed stage: the target user count ramps linearly to {@code users} over {@code overSeconds}.
     *
     * @param users       0..{@value RunConfig#MAX_USERS}
     * @param overSeconds 1..{@value #MAX_PLAN_SECONDS}; 0 only for a final drop to 0 users (checked by {@link Stages})
     */
    record Stage(int users, long overSeconds) {
        public Stage {
            Checks.range("users", users, 0, RunConfig.MAX_USERS);
            Checks.range("over_seconds", overSeconds, 0, MAX_PLAN_SECONDS);
        }
    }

    /** Closed stages, starting from 0 users; see {@link LoadPlan}. */
    record Stages(List<Stage> stages) implements LoadPlan {
        public Stages {
            stages = Checks.copy("stages", stages);
            requireStages("stages", stages.size());
            long total = 0;
            long launches = 0;
            int previous = 0;
            int peak = 0;
            for (int i = 0; i < stages.size(); i++) {
                Stage s = stages.get(i);
                requireDuration("stages/" + i + "/over_seconds", s.overSeconds(), i == stages.size() - 1 && s.users() == 0,
                        "a drop to 0 users at the end");
                total += s.overSeconds();
                launches += Math.max(0, s.users() - previous);
                previous = s.users();
                peak = Math.max(peak, s.users());
            }
            if (peak == 0) {
                throw new ConfigException("stages", "must reach at least one user; every stage has 0 users");
            }
            requireLength("stages", total);
            if (launches > MAX_LAUNCHES) {
                throw new ConfigException("stages", "launch " + launches + " users over the run; at most " + MAX_LAUNCHES);
            }
        }

        @Override
        public int peakUsers() {
            int peak = 0;
            for (Stage s : stages) {
                peak = Math.max(peak, s.users());
            }
            return peak;
        }

        @Override
        public double plannedSeconds() {
            long total = 0;
            for (Stage s : stages) {
                total += s.overSeconds();
            }
            return total;
        }
    }

    /**
     * One open stage: the arrival rate ramps linearly to {@code ratePerSecond} over {@code overSeconds}.
     *
     * @param ratePerSecond 0..{@value #MAX_RATE_PER_SECOND}, fractional allowed
     * @param overSeconds   1..{@value #MAX_PLAN_SECONDS}; 0 only for a final drop to rate 0 (checked by {@link Arrival})
     */
    record RateStage(double ratePerSecond, long overSeconds) {
        public RateStage {
            Checks.range("rate_per_second", ratePerSecond, 0, MAX_RATE_PER_SECOND);
            Checks.range("over_seconds", overSeconds, 0, MAX_PLAN_SECONDS);
        }
    }

    /**
     * The open model (k6's ramping-arrival-rate).
     *
     * @param startRatePerSecond the rate at the start, 0..{@value #MAX_RATE_PER_SECOND} (default 0)
     * @param stages             at least one
     * @param preAllocatedUsers  users made before the first arrival, 0..{@code maxUsers}
     * @param maxUsers           the pool's bound, 1..{@value RunConfig#MAX_USERS}
     */
    record Arrival(double startRatePerSecond, List<RateStage> stages, int preAllocatedUsers, int maxUsers)
            implements LoadPlan {
        public Arrival {
            Checks.range("start_rate_per_second", startRatePerSecond, 0, MAX_RATE_PER_SECOND);
            stages = Checks.copy("stages", stages);
            requireStages("stages", stages.size());
            long total = 0;
            boolean arrives = false;
            double previous = startRatePerSecond;
            for (int i = 0; i < stages.size(); i++) {
                RateStage s = stages.get(i);
                requireDuration("stages/" + i + "/over_seconds", s.overSeconds(),
                        i == stages.size() - 1 && s.ratePerSecond() == 0, "a drop to rate 0 at the end");
                total += s.overSeconds();
                arrives |= s.overSeconds() > 0 && (previous > 0 || s.ratePerSecond() > 0);
                previous = s.ratePerSecond();
            }
            requireLength("stages", total);
            if (!arrives) {
                throw new ConfigException("stages", "must plan at least one arrival; every rate is 0");
            }
            Checks.range("max_users", maxUsers, 1, RunConfig.MAX_USERS);
            Checks.range("pre_allocated_users", preAllocatedUsers, 0, RunConfig.MAX_USERS);
            if (preAllocatedUsers > maxUsers) {
                throw new ConfigException("max_users", "must be at least pre_allocated_users (" + preAllocatedUsers
                        + "), was " + maxUsers);
            }
        }

        @Override
        public int peakUsers() {
            return maxUsers;
        }

        @Override
        public double plannedSeconds() {
            long total = 0;
            for (RateStage s : stages) {
                total += s.overSeconds();
            }
            return total;
        }

        /** The highest rate the plan reaches, per second. */
        public double peakRatePerSecond() {
            double peak = startRatePerSecond;
            for (RateStage s : stages) {
                peak = Math.max(peak, s.ratePerSecond());
            }
            return peak;
        }
    }

    private static void requireStages(String field, int count) {
        if (count == 0) {
            throw new ConfigException(field, "must hold at least one stage");
        }
        if (count > MAX_STAGES) {
            throw new ConfigException(field, "must hold at most " + MAX_STAGES + " stages, has " + count);
        }
    }

    private static void requireDuration(String field, long overSeconds, boolean finalDrop, String allowedZero) {
        if (overSeconds <= 0 && !finalDrop) {
            throw new ConfigException(field, "must be at least 1; 0 is allowed only for " + allowedZero + ", was "
                    + overSeconds);
        }
    }

    private static void requireLength(String field, long totalSeconds) {
        if (totalSeconds > MAX_PLAN_SECONDS) {
            throw new ConfigException(field, "last " + totalSeconds + " s in all; a plan lasts at most "
                    + MAX_PLAN_SECONDS + " s");
        }
    }
}
