package io.maid.goose.domain.threshold;

import java.util.Locale;

/** How a threshold compares a run's observed value with its limit: {@code lt}, {@code lte}, {@code gt} or {@code gte}. */
public enum ThresholdComparator {
    LT("<"), LTE("<="), GT(">"), GTE(">=");

    private final String symbol;

    ThresholdComparator(String symbol) {
        this.symbol = symbol;
    }

    /** The wire name, which is also the config's field name: {@code lt}, {@code lte}, {@code gt}, {@code gte}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code <}, {@code <=}, {@code >} or {@code >=}, for people. */
    public String symbol() {
        return symbol;
    }

    /** Whether {@code observed} satisfies the comparison; a value that is not a number never does. */
    public boolean holds(double observed, double limit) {
        if (Double.isNaN(observed)) {
            return false;
        }
        return switch (this) {
            case LT -> observed < limit;
            case LTE -> observed <= limit;
            case GT -> observed > limit;
            case GTE -> observed >= limit;
        };
    }

    /** The comparator with this wire name, or null. */
    public static ThresholdComparator fromWire(String name) {
        for (ThresholdComparator c : values()) {
            if (c.wireName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
