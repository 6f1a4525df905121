package io.maid.goose.engine;

import io.maid.goose.engine.shape.StagePlan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Drives a closed staged plan on the controller thread: at each change the {@link StagePlan} sets, one user is
 * launched (a rising stage) or the most recently launched user still running is told to stop (a falling one);
 * it leaves between transactions, as in decrease. Each stage enters its phase ({@link StagePlan#phaseOf}) at its
 * start, so phases change exactly at stage boundaries. A stop request or the hard deadline cuts the plan short.
 */
final class StagedUsers {
    private final StagePlan plan;
    private final PlanDriving driving;
    private final UserPool pool;
    private final UserFactory users;
    /** The users the plan still counts, most recently launched on top. */
    private final Deque<VirtualUser> running = new ArrayDeque<>();

    StagedUsers(StagePlan plan, PlanDriving driving, UserPool pool, UserFactory users) {
        this.plan = plan;
        this.driving = driving;
        this.pool = pool;
        this.users = users;
    }

    /** @return true if the plan ran to its end without a stop request or the hard deadline */
    boolean run() throws InterruptedException {
        for (int stage = 0; stage < plan.stageCount(); stage++) {
            if (driving.stop().isSignalled()) {
                return false;
            }
            if (stage > 0) {
                enter(stage);
            }
            int from = plan.usersBefore(stage);
            int to = plan.usersAfter(stage);
            for (int j = 1; j <= Math.abs(to - from); j++) {
                if (!driving.waitFor(plan.changeOffsetNanos(stage, j), stage)) {
                    return false;
                }
                change(to > from);
            }
            if (!driving.waitFor(plan.stageEndNanos(stage), stage)) {
                return false;
            }
        }
        return !driving.stop().isSignalled();
    }

    /** Enters {@code stage}; the controller enters stage 0 as the run begins. */
    void enter(int stage) {
        driving.enter(stage, plan.phaseOf(stage), String.format(Locale.ROOT, "stage %d of %d: %d → %d users over %s s",
                stage, plan.stageCount(), plan.usersBefore(stage), plan.usersAfter(stage),
                RunMessages.seconds(plan.stageEndNanos(stage) - plan.stageStartNanos(stage))));
    }

    private void change(boolean up) {
        if (up) {
            VirtualUser user = users.make(pool.launched());
            running.push(user);
            driving.progress().target(running.size());
            pool.launch(user);
        } else if (!running.isEmpty()) {
            VirtualUser user = running.pop();
            driving.progress().target(running.size());
            user.stop();
        }
    }
}
