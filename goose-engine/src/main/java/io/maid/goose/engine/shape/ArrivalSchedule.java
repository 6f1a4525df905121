package io.maid.goose.engine.shape;

import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.RunPhase;

import java.util.List;

/**
 * The arrival times of an open plan. The rate ramps linearly within each stage (from the previous stage's rate,
 * {@code start_rate_per_second} before the first) and its integral {@code N(t)} counts the arrivals planned by
 * {@code t}; arrival {@code k} (0-based) is due when {@code N(t) = k + 1/2}, so a constant rate {@code r} puts
 * exactly {@code r} arrivals in every second, half an interval from its edges, and a plan of {@code T} s at
 * {@code r}/s has exactly {@code r * T} arrivals. Not thread-safe: one reader, the run's dispatcher, walks
 * it forward with {@link #next()}.
 *
 * <p>With a {@code phase} other than 1/2, arrival {@code k} is due at {@code N(t) = k + phase}: a segment of a
 * distributed run, whose rates are {@code 1/count} of the whole plan's, takes phase {@code (index + 1/2) / count},
 * so that its arrivals are the whole plan's arrivals {@code index + k * count}
 * ({@code ports.in.StartRunCommand.Segment}).
 */
public final class ArrivalSchedule {
    private static final double NANOS = 1e9;
    private final double[] fromRates;
    private final double[] toRates;
    private final double[] lengths;
    private final double[] starts;
    private final double[] before;
    private final double phase;
    private int stage;
    private long index;

    /** The schedule of a whole plan: arrival {@code k} at {@code N(t) = k + 1/2}. */
    public ArrivalSchedule(LoadPlan.Arrival plan) {
        this(plan, 0.5);
    }

    /**
     * @param phase where within its unit of {@code N} each arrival falls, in (0, 1)
     */
    public ArrivalSchedule(LoadPlan.Arrival plan, double phase) {
        if (!(phase > 0 && phase < 1)) {
            throw new IllegalArgumentException("an arrival phase is in (0, 1), was " + phase);
        }
        this.phase = phase;
        List<LoadPlan.RateStage> stages = plan.stages();
        int n = stages.size();
        fromRates = new double[n];
        toRates = new double[n];
        lengths = new double[n];
        starts = new double[n];
        before = new double[n];
        double rate = plan.startRatePerSecond();
        double at = 0;
        double count = 0;
        for (int i = 0; i < n; i++) {
            fromRates[i] = rate;
            toRates[i] = stages.get(i).ratePerSecond();
            lengths[i] = stages.get(i).overSeconds();
            starts[i] = at;
            before[i] = count;
            count += (fromRates[i] + toRates[i]) / 2 * lengths[i];
            at += lengths[i];
            rate = toRates[i];
        }
    }

    /** How many arrivals the whole plan has: {@code floor(N(end) + 1 - phase)}. */
    public long plannedArrivals() {
        int last = lengths.length - 1;
        double total = before[last] + (fromRates[last] + toRates[last]) / 2 * lengths[last];
        return (long) Math.floor(total + 1 - phase);
    }

    /** The planned arrivals by {@code offsetNanos}, counted as {@link #next()} hands them out. */
    public long plannedBy(long offsetNanos) {
        double t = offsetNanos / NANOS;
        int i = 0;
        while (i < lengths.length - 1 && t >= starts[i] + lengths[i]) {
            i++;
        }
        double tau = Math.min(Math.max(0, t - starts[i]), lengths[i]);
        double slope = lengths[i] == 0 ? 0 : (toRates[i] - fromRates[i]) / lengths[i];
        double count = before[i] + fromRates[i] * tau + slope * tau * tau / 2;
        return (long) Math.floor(count + 1 - phase);
    }

    /** The offset of the next arrival, in nanoseconds from the run start, or -1 when the plan has no more. */
    public long next() {
        double target = index + phase;
        while (stage < lengths.length) {
            double inStage = target - before[stage];
            double a = lengths[stage] == 0 ? 0 : (toRates[stage] - fromRates[stage]) / (2 * lengths[stage]);
            double b = fromRates[stage];
            double stageCount = (fromRates[stage] + toRates[stage]) / 2 * lengths[stage];
            if (inStage <= stageCount && lengths[stage] > 0) {
                // The stable root of a tau^2 + b tau = inStage.
                double tau = 2 * inStage / (b + Math.sqrt(Math.max(0, b * b + 4 * a * inStage)));
                index++;
                return Math.round((starts[stage] + Math.min(tau, lengths[stage])) * NANOS);
            }
            stage++;
        }
        return -1;
    }

    /** The stage running at {@code offsetNanos} (the last one once the plan is over). */
    public int stageAt(long offsetNanos) {
        double t = offsetNanos / NANOS;
        for (int i = 0; i < lengths.length; i++) {
            if (t < starts[i] + lengths[i]) {
                return i;
            }
        }
        return lengths.length - 1;
    }

    /** {@code increase} for a stage that raises the rate, {@code maintain} for a flat one, {@code decrease} for a falling one. */
    public RunPhase phaseOf(int stage) {
        return toRates[stage] > fromRates[stage] ? RunPhase.INCREASE
                : toRates[stage] < fromRates[stage] ? RunPhase.DECREASE : RunPhase.MAINTAIN;
    }

    /** The planned rate at {@code offsetNanos}, per second. */
    public double rateAt(long offsetNanos) {
        int i = stageAt(offsetNanos);
        double tau = Math.min(Math.max(0, offsetNanos / NANOS - starts[i]), lengths[i]);
        return lengths[i] == 0 ? toRates[i] : fromRates[i] + (toRates[i] - fromRates[i]) * tau / lengths[i];
    }

    public int stageCount() {
        return lengths.length;
    }

    public long stageEndNanos(int stage) {
        return Math.round((starts[stage] + lengths[stage]) * NANOS);
    }

    public long plannedNanos() {
        int last = lengths.length - 1;
        return Math.round((starts[last] + lengths[last]) * NANOS);
    }
}
