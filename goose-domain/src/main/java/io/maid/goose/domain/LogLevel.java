package io.maid.goose.domain;

import java.util.Locale;

/** Severity of a {@link LogEvent}. */
public enum LogLevel {
    DEBUG, INFO, WARN, ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
