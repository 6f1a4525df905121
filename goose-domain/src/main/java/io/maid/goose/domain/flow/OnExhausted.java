package io.maid.goose.domain.flow;

import io.maid.goose.domain.ConfigException;

import java.util.Locale;

/** What happens when a {@link FeedStrategy#UNIQUE unique} feeder has no row left. */
public enum OnExhausted {
    /** The user that needs a row stops (counted and logged once); the others go on. */
    STOP_USER,
    /** The whole run stops gracefully. */
    STOP_RUN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OnExhausted fromWire(String s) {
        for (OnExhausted o : values()) {
            if (o.wireName().equals(s)) {
                return o;
            }
        }
        throw new ConfigException("on_exhausted", "must be stop_user or stop_run, was '" + s + "'");
    }
}
