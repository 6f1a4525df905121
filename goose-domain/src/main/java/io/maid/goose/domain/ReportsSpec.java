package io.maid.goose.domain;

import java.util.List;

/** Which report formats to write when the run ends; defaults to json, csv and html (junit is asked for). */
public record ReportsSpec(List<ReportFormat> formats) {
    public ReportsSpec {
        formats = Checks.copy("formats", formats);
        if (formats.size() != formats.stream().distinct().count()) {
            throw new ConfigException("formats", "must not repeat a format");
        }
    }

    public static ReportsSpec all() {
        return new ReportsSpec(List.of(ReportFormat.JSON, ReportFormat.CSV, ReportFormat.HTML));
    }

    public boolean includes(ReportFormat format) {
        return formats.contains(format);
    }
}
