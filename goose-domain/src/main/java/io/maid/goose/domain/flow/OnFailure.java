package io.maid.goose.domain.flow;

import io.maid.goose.domain.ConfigException;

import java.util.Locale;

/** What a scenario does after a failed request (Goose's semantics). */
public enum OnFailure {
    /** Go on with the next transaction (the default). */
    CONTINUE,
    /** End the iteration at the first failed request; the next begins after the think time. */
    RESTART_ITERATION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OnFailure fromWire(String s) {
        for (OnFailure f : values()) {
            if (f.wireName().equals(s)) {
                return f;
            }
        }
        throw new ConfigException("on_failure", "must be continue or restart_iteration, was '" + s + "'");
    }
}
