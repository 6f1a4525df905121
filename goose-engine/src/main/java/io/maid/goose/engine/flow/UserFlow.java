package io.maid.goose.engine.flow;

import io.maid.goose.domain.flow.OnFailure;

/**
 * A virtual user's place in its scenario (Goose's semantics), the same for both user kinds:
 *
 * <ol>
 *   <li><b>on_start</b>: each transaction once (a weight repeats it), in order, before the first iteration;</li>
 *   <li><b>the iteration</b>: the transactions in order, each repeated {@code weight} times in a row (counted,
 *       not expanded), then from the top again, until the user is stopped. With {@code on_failure:
 *       restart_iteration} the iteration ends at its first failed (or skipped) request and the next begins
 *       after that transaction's pause;</li>
 *   <li><b>on_stop</b>: once the user is stopped gracefully (told to stop, or out of data), each transaction
 *       once, back to back: no think time and no pacing while the user is leaving. A user that has not sent
 *       a request yet (stopped before its first, or out of data at once) leaves without on_stop.</li>
 * </ol>
 * After each transaction of on_start and the iteration the user pauses for the transaction's think time
 * (its own, else the run's), drawn afresh for each wait when it is a range. An iteration that sent nothing
 * (every request skipped) is followed by at least {@link #IDLE_ITERATION_PAUSE_NANOS}, so such a user does
 * not spin.
 *
 * <p>One per user, used on its thread or loop only; not thread-safe.
 */
public final class UserFlow {
    /** The least pause after an iteration that sent no request. */
    public static final long IDLE_ITERATION_PAUSE_NANOS = 100_000_000L;

    private enum Stage { START, ITERATION, STOP, DONE }

    private final ScenarioPlan plan;
    private final UserSession session;
    private Stage stage;
    private TransactionPlan[] list;
    private int index;
    private int repetition;
    /** Whether the user has sent a request (in on_start or the iteration): only then does on_stop run. */
    private boolean begun;
    private boolean sentInIteration;
    private boolean selfStopped;

    UserFlow(ScenarioPlan plan, UserSession session) {
        this.plan = plan;
        this.session = session;
        enter(Stage.START);
    }

    /**
     * The transaction to run now, or null when the user should leave.
     *
     * @param stopRequested the user was told to stop: it goes to on_stop (once) instead
     */
    public TransactionPlan next(boolean stopRequested) {
        if ((stopRequested || selfStopped) && (stage == Stage.START || stage == Stage.ITERATION)) {
            enter(begun ? Stage.STOP : Stage.DONE);
        }
        return stage == Stage.DONE ? null : list[index];
    }

    /** Whether the user is leaving (running on_stop): it waits for nothing. */
    public boolean leaving() {
        return stage == Stage.STOP || stage == Stage.DONE;
    }

    /**
     * Whether the next transaction begins an iteration (the first of the iteration, not yet run): in the
     * open model that is where a user waits for an arrival.
     */
    public boolean atIterationStart() {
        return stage == Stage.ITERATION && index == 0 && repetition == 0;
    }

    /** Whether the user has sent a request (in on_start or an iteration). */
    public boolean hasBegun() {
        return begun;
    }

    /** The user cannot go on (its feeder ran out): it stops as if told to. */
    public void stopSelf() {
        selfStopped = true;
    }

    /**
     * Moves past {@code t}, which {@link #next} returned and which was run.
     *
     * @param sent   whether its request was sent (false: skipped)
     * @param failed whether it failed or was skipped
     * @return how long to pause before the next transaction, in nanoseconds (0: none)
     */
    public long after(TransactionPlan t, boolean sent, boolean failed) {
        Stage was = stage;
        if (was == Stage.STOP) {
            advance(t);
            return 0;
        }
        begun |= sent;
        sentInIteration |= sent && was == Stage.ITERATION;
        boolean iterationEnded;
        if (was == Stage.ITERATION && failed && plan.onFailure == OnFailure.RESTART_ITERATION) {
            index = 0;
            repetition = 0;
            iterationEnded = true;
        } else {
            iterationEnded = advance(t);
        }
        if (selfStopped) {
            return 0;
        }
        long pause = t.thinkNanos(session);
        if (iterationEnded) {
            session.iterationEnded();
            if (!sentInIteration) {
                pause = Math.max(pause, IDLE_ITERATION_PAUSE_NANOS);
            }
            sentInIteration = false;
        }
        return pause;
    }

    /** @return whether the iteration just ended */
    private boolean advance(TransactionPlan t) {
        if (++repetition < t.transaction.weight()) {
            return false;
        }
        repetition = 0;
        if (++index < list.length) {
            return false;
        }
        switch (stage) {
            case START -> enter(Stage.ITERATION);
            case ITERATION -> {
                index = 0;
                return true;
            }
            default -> enter(Stage.DONE);
        }
        return false;
    }

    private void enter(Stage next) {
        stage = next;
        index = 0;
        repetition = 0;
        list = switch (next) {
            case START -> plan.onStart;
            case ITERATION -> plan.iteration;
            case STOP -> plan.onStop;
            case DONE -> null;
        };
        if (list != null && list.length == 0) {
            enter(next == Stage.START ? Stage.ITERATION : Stage.DONE);
        }
    }
}
