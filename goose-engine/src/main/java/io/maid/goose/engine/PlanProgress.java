package io.maid.goose.engine;

/**
 * Where a run is in its load plan, for {@code GET /status}: the stage and the user count the plan asks for
 * now. Only a staged plan reports both; the open model reports its stage only (arrivals, not a count,
 * decide) and the shorthand neither (it has no stages). Written by the controller thread, read by any.
 */
final class PlanProgress {
    private final boolean reportsStage;
    private final boolean reportsTarget;
    private volatile int stage = -1;
    private volatile int target;

    /** @param staged a closed staged plan; {@code open} the open model; neither: the shorthand */
    PlanProgress(boolean staged, boolean open) {
        this.reportsStage = staged || open;
        this.reportsTarget = staged;
    }

    /** The stage running now, or null when the plan has none (or none has begun). */
    Integer stage() {
        int s = stage;
        return reportsStage && s >= 0 ? s : null;
    }

    /** The user count the plan asks for now, or null where the plan reports none. */
    Integer targetUsers() {
        return reportsTarget ? target : null;
    }

    /** The user count the closed plan asks for now (0 in the open model). */
    int target() {
        return target;
    }

    void stage(int index) {
        stage = index;
    }

    void target(int users) {
        target = users;
    }
}
