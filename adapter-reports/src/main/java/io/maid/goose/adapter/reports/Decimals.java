package io.maid.goose.adapter.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Fixed three-decimal numbers for CSV: a microsecond in milliseconds, the histogram's own resolution. */
final class Decimals {
    private Decimals() {
    }

    /** Three decimals, no exponent, no grouping; empty for a value that is not a number. */
    static String of(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }
}
