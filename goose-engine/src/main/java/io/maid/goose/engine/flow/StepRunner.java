package io.maid.goose.engine.flow;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.engine.metrics.FlowCounters;
import io.maid.goose.engine.metrics.RunLayout;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.ports.out.JsonBodyReader;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;

/**
 * One transaction's work for one user, the same for the loop user and the thread user: before the send,
 * {@link #prepare} takes the feeder row and renders the request (or finds it cannot be made); after it,
 * {@link #complete} judges the outcome (status, extractors, checks) and records it.
 *
 * <p><b>Skipped requests.</b> A request that cannot be made is not sent and never counted as a request: it is
 * counted as skipped by reason, {@code data_exhausted} (a {@code unique} feeder ran out; {@link #exhausted()}
 * then says the user must stop), {@code unset_variable:<name>} or {@code template_error}.
 *
 * <p><b>Outcome.</b> A transport failure is the request's failure; extractors and checks then do not run
 * (there is no response to judge). A response runs them all (see {@link ResponseJudge}) and fails as
 * {@code unexpected_status} when {@code expect_status} refuses its status, else as {@code check_failed} or
 * {@code extract_failed} when they found a failure.
 *
 * <p><b>The constant fast path</b>: a constant transaction without a feeder, checks or extractors hands out
 * its one pre-built request with {@link SendOptions#STATIC} and records its outcome without allocating.
 *
 * <p>One per user, used on its thread or loop only; not thread-safe.
 */
public final class StepRunner {
    private final UserSession session;
    private final UserMeter meter;
    private final FlowCounters counters;
    private final RunLayout layout;
    private final RequestRenderer renderer = new RequestRenderer();
    private final ResponseJudge judge;
    private boolean exhausted;

    StepRunner(UserSession session, UserMeter meter, FlowCounters counters, RunLayout layout, JsonBodyReader json) {
        this.session = session;
        this.meter = meter;
        this.counters = counters;
        this.layout = layout;
        this.judge = new ResponseJudge(session, json, counters, renderer);
    }

    /** The request to send for {@code t} now, or null when it cannot be made (then counted as skipped). */
    public RequestSpec prepare(TransactionPlan t) {
        exhausted = false;
        if (t.feeder != null && !t.feeder.takeInto(session)) {
            exhausted = true;
            counters.skipped(t.local, RunLayout.DATA_EXHAUSTED);
            return null;
        }
        if (t.constant != null) {
            return t.constant;
        }
        RequestSpec request = renderer.render(t.step, session);
        if (request == null) {
            String unset = renderer.missing();
            counters.skipped(t.local, unset == null ? RunLayout.TEMPLATE_ERROR : layout.unsetReason(unset));
        }
        return request;
    }

    /** Whether the last {@link #prepare} found its feeder out of rows: the user stops. */
    public boolean exhausted() {
        return exhausted;
    }

    /** How {@code t}'s request is sent: reuse and what of the response to capture. */
    public SendOptions options(TransactionPlan t) {
        return t.options;
    }

    /** The slot offset of {@code t} (its index among the scenario's transactions). */
    public int local(TransactionPlan t) {
        return t.local;
    }

    /**
     * Judges {@code outcome} and records it.
     *
     * @param latencyNanos from just before the send to just after the outcome
     * @return whether the request failed
     */
    public boolean complete(TransactionPlan t, RequestOutcome outcome, long latencyNanos) {
        ErrorKind failure = outcome.error();
        String detail = outcome.detail();
        if (failure == null) {
            ErrorKind judged = t.judged ? judge.judge(t, outcome, latencyNanos) : null;
            if (!t.step.isSuccess(outcome.status())) {
                failure = ErrorKind.UNEXPECTED_STATUS;
            } else if (judged != null) {
                failure = judged;
                detail = judge.detail();
            }
        }
        meter.record(t.local, outcome, failure, detail, latencyNanos);
        return failure != null;
    }
}
