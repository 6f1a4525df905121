package io.maid.goose.domain;

import java.util.Locale;

/**
 * Where a run's report files stand, as history keeps it.
 *
 * <ul>
 *   <li>{@link #NONE}: no report writing has begun (the run is still going, or it ended before it had a
 *       summary, e.g. a crash during the run);</li>
 *   <li>{@link #PENDING}: the run has ended and its reports are being written. A record that is still
 *       pending when the service starts was cut short by a crash; start-up then finishes the reports or
 *       marks them failed;</li>
 *   <li>{@link #WRITTEN}: every report the run asked for is on disk, and the record lists them;</li>
 *   <li>{@link #FAILED}: some could not be written (or regenerated); the record lists the ones that exist and
 *       its error says why the others are missing.</li>
 * </ul>
 */
public enum ReportsState {
    NONE, PENDING, WRITTEN, FAILED;

    /** {@code none}, {@code pending}, {@code written} or {@code failed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReportsState fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
