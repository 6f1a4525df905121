package io.maid.goose.domain;

import java.util.Locale;

/** Where a run's AI analysis stands. */
public enum AnalysisState {
    NONE, PENDING, DONE, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
