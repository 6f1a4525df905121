package io.maid.goose.engine.shape;

import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.RunPhase;

import java.util.List;

/**
 * The user count a closed staged plan asks for at each moment, with exact integer arithmetic on nanosecond
 * offsets from the run start. Stage {@code i} runs from {@link #stageStartNanos(int) its start} for its
 * {@code over_seconds}; over it the count moves from the previous stage's users ({@code a}, 0 before the
 * first) to its own ({@code b}) one user at a time: the {@code j}-th change ({@code 1 <= j <= |b - a|}) is
 * due at {@code start + ceil(j * length / |b - a|)}, so the count is
 * {@code a ± floor(elapsed * |b - a| / length)} and reaches {@code b} exactly at the stage's end. A final
 * stage of 0 s drops every user at its start. Immutable.
 */
public final class StagePlan {
    private static final long SECOND = 1_000_000_000L;
    private final int[] users;
    private final long[] starts;
    private final long[] lengths;
    private final long totalLaunches;

    public StagePlan(LoadPlan.Stages plan) {
        List<LoadPlan.Stage> stages = plan.stages();
        users = new int[stages.size()];
        starts = new long[stages.size()];
        lengths = new long[stages.size()];
        long at = 0;
        long launches = 0;
        int previous = 0;
        for (int i = 0; i < users.length; i++) {
            users[i] = stages.get(i).users();
            starts[i] = at;
            lengths[i] = stages.get(i).overSeconds() * SECOND;
            at += lengths[i];
            launches += Math.max(0, users[i] - previous);
            previous = users[i];
        }
        totalLaunches = launches;
    }

    public int stageCount() {
        return users.length;
    }

    /** The users every stage begins with: the previous stage's, 0 for the first. */
    public int usersBefore(int stage) {
        return stage == 0 ? 0 : users[stage - 1];
    }

    /** The users the stage ends with. */
    public int usersAfter(int stage) {
        return users[stage];
    }

    public long stageStartNanos(int stage) {
        return starts[stage];
    }

    public long stageEndNanos(int stage) {
        return starts[stage] + lengths[stage];
    }

    /** The plan's length. */
    public long plannedNanos() {
        return stageEndNanos(users.length - 1);
    }

    /** Every launch over the plan (the sum of the rises): how many users the run makes in all. */
    public long totalLaunches() {
        return totalLaunches;
    }

    /** {@code increase} for a stage that raises the count, {@code maintain} for a flat one, {@code decrease} for a falling one. */
    public RunPhase phaseOf(int stage) {
        int from = usersBefore(stage);
        return users[stage] > from ? RunPhase.INCREASE : users[stage] < from ? RunPhase.DECREASE : RunPhase.MAINTAIN;
    }

    /** The offset at which the {@code j}-th change of {@code stage} (1-based) is due. */
    public long changeOffsetNanos(int stage, int j) {
        long steps = Math.abs(users[stage] - usersBefore(stage));
        // j * length fits in a long: at most 100000 * 86400e9.
        return starts[stage] + ceilDiv((long) j * lengths[stage], steps);
    }

    /** The stage running at {@code offsetNanos} (the last one once the plan is over). */
    public int stageAt(long offsetNanos) {
        for (int i = 0; i < users.length; i++) {
            if (offsetNanos < stageEndNanos(i)) {
                return i;
            }
        }
        return users.length - 1;
    }

    /** The user count the plan asks for at {@code offsetNanos}. */
    public int targetAt(long offsetNanos) {
        if (offsetNanos >= plannedNanos()) {
            return users[users.length - 1];
        }
        int stage = stageAt(Math.max(0, offsetNanos));
        int from = usersBefore(stage);
        long steps = Math.abs(users[stage] - from);
        long elapsed = Math.max(0, offsetNanos - starts[stage]);
        // elapsed * steps fits in a long: at most 86400e9 * 100000.
        long done = lengths[stage] == 0 ? steps : Math.min(steps, elapsed * steps / lengths[stage]);
        return (int) (users[stage] >= from ? from + done : from - done);
    }

    private static long ceilDiv(long a, long b) {
        return b == 0 ? 0 : -Math.floorDiv(-a, b);
    }
}
