package io.maid.goose.domain;

import java.util.Locale;

/** The engine's phases, in order: idle → increase → maintain → decrease → shutdown → completed. */
public enum RunPhase {
    IDLE, INCREASE, MAINTAIN, DECREASE, SHUTDOWN, COMPLETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunPhase fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
