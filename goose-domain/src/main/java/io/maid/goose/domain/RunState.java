package io.maid.goose.domain;

import java.util.Locale;

/** A run's lifecycle status, as stored in history: pending, running, then completed, cancelled or failed. */
public enum RunState {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunState fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
