package io.maid.goose.domain.threshold;

import io.maid.goose.domain.ConfigException;

import java.util.Locale;

/**
 * A finished run's verdict for CI: {@code passed} when the run did not fail and every threshold held (a run
 * without thresholds passes when it did not fail), {@code failed} otherwise.
 */
public enum Verdict {
    PASSED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws ConfigException naming {@code verdict} for any other name */
    public static Verdict fromWire(String name) {
        for (Verdict v : values()) {
            if (v.wireName().equals(name)) {
                return v;
            }
        }
        throw new ConfigException("verdict", "must be passed or failed, was '" + name + "'");
    }
}
