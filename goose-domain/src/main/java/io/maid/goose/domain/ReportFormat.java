package io.maid.goose.domain;

import java.util.Locale;

/** The report files a run can produce. */
public enum ReportFormat {
    JSON, CSV, HTML;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReportFormat fromWire(String name) {
        for (ReportFormat f : values()) {
            if (f.wireName().equals(name)) {
                return f;
            }
        }
        throw new ConfigException("formats", "must be json, csv or html, was '" + name + "'");
    }
}
