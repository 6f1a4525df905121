package io.maid.goose.domain.flow;

import io.maid.goose.domain.ConfigException;

import java.util.Locale;

/** How a feeder hands out its rows. */
public enum FeedStrategy {
    /** One cursor shared by all users, wrapping at the end. */
    CIRCULAR,
    /** A uniformly random row each time. */
    RANDOM,
    /** Each row at most once per run; when they run out, the user that needs one stops. */
    UNIQUE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FeedStrategy fromWire(String s) {
        for (FeedStrategy f : values()) {
            if (f.wireName().equals(s)) {
                return f;
            }
        }
        throw new ConfigException("strategy", "must be circular, random or unique, was '" + s + "'");
    }
}
