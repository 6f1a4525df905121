package io.maid.goose.domain;

import java.util.Locale;

/** The report files a run can produce: report.json, report.csv and timeline.csv, report.html, report.junit.xml. */
public enum ReportFormat {
    JSON, CSV, HTML, JUNIT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReportFormat fromWire(String name) {
        for (ReportFormat f : values()) {
            if (f.wireName().equals(name)) {
                return f;
            }
        }
        throw new ConfigException("formats", "must be json, csv, html or junit, was '" + name + "'");
    }
}
