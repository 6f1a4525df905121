package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.LoadPlan;

import java.util.List;

/**
 * Where a distributed run is in its whole plan, by the coordinator's clock since it sent start, for the run's status:
 * the stage running (staged and open plans) and the user count the closed stages ask for, which moves linearly from
 * the previous stage's users to the stage's own, one user at a time, as a local run's does. At every stage boundary
 * it equals the sum of the workers' targets, which {@link Segments} split exactly; in between a worker's own count
 * may lag it by less than one user.
 */
final class PlanPosition {
    private static final long SECOND = 1_000_000_000L;

    private PlanPosition() {
    }

    /** The index of the stage running at {@code elapsedNanos}, the last once the plan is over; null for the shorthand. */
    static Integer stage(LoadPlan plan, long elapsedNanos) {
        List<Long> lengths = lengths(plan);
        if (lengths == null) {
            return null;
        }
        long end = 0;
        for (int i = 0; i < lengths.size(); i++) {
            end += lengths.get(i) * SECOND;
            if (elapsedNanos < end) {
                return i;
            }
        }
        return lengths.size() - 1;
    }

    /** The user count closed stages ask for at {@code elapsedNanos}; null for the shorthand and the open model. */
    static Integer targetUsers(LoadPlan plan, long elapsedNanos) {
        if (!(plan instanceof LoadPlan.Stages staged)) {
            return null;
        }
        long start = 0;
        int from = 0;
        for (LoadPlan.Stage s : staged.stages()) {
            long length = s.overSeconds() * SECOND;
            if (elapsedNanos < start + length) {
                long steps = Math.abs(s.users() - from);
                long done = Math.min(steps, Math.max(0, elapsedNanos - start) * steps / length);
                return (int) (s.users() >= from ? from + done : from - done);
            }
            start += length;
            from = s.users();
        }
        return from;
    }

    private static List<Long> lengths(LoadPlan plan) {
        return switch (plan) {
            case LoadPlan.Ramp ramp -> null;
            case LoadPlan.Stages s -> s.stages().stream().map(LoadPlan.Stage::overSeconds).toList();
            case LoadPlan.Arrival a -> a.stages().stream().map(LoadPlan.RateStage::overSeconds).toList();
        };
    }
}
