package io.maid.goose.domain;

import java.util.List;
import java.util.Objects;

/**
 * One run as history holds it. Usually its record, config included. When the stored config no longer
 * passes today's config rules (it was written before a rule was tightened), the record comes back with a
 * {@code null} config, and the config's text as stored and today's violations come along instead, so an old
 * run stays readable rather than failing the whole read.
 *
 * @param record           the run; {@code record.config()} is {@code null} exactly when the config is outdated
 * @param storedConfig     the config's JSON as stored, when it is outdated; otherwise {@code null}
 * @param configViolations why today's rules reject it, when it is outdated; otherwise empty
 */
public record StoredRun(RunRecord record, String storedConfig, List<ConfigViolation> configViolations) {
    public StoredRun {
        Objects.requireNonNull(record, "record");
        configViolations = configViolations == null ? List.of() : List.copyOf(configViolations);
        if (record.config() == null && storedConfig == null) {
            throw new IllegalArgumentException("run " + record.runId() + ": an outdated config needs its stored text");
        }
        if (record.config() != null && (storedConfig != null || !configViolations.isEmpty())) {
            throw new IllegalArgumentException("run " + record.runId() + ": a current config has no stored text or violations");
        }
    }

    /** A run whose config passes today's rules. */
    public static StoredRun current(RunRecord record) {
        return new StoredRun(record, null, List.of());
    }

    /** Whether today's rules reject the stored config. */
    public boolean configOutdated() {
        return record.config() == null;
    }
}
