package io.maid.goose.domain;

import java.util.List;
import java.util.Objects;

/** Validation helpers shared by the compact constructors; every failure names its field. */
public final class Checks {
    private Checks() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ConfigException(field, "is required");
        }
        return value;
    }

    public static String nonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(field, "must be a non-empty string");
        }
        return value;
    }

    public static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(field, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public static double range(String field, double value, double min, double max) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw new ConfigException(field, "must be between " + fmt(min) + " and " + fmt(max) + ", was " + fmt(value));
        }
        return value;
    }

    public static double positive(String field, double value, double max) {
        if (Double.isNaN(value) || value <= 0 || value > max) {
            throw new ConfigException(field, "must be greater than 0 and at most " + fmt(max) + ", was " + fmt(value));
        }
        return value;
    }

    public static <T> List<T> copy(String field, List<T> list) {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new ConfigException(field + "/" + i, "must not be null");
            }
        }
        return List.copyOf(list);
    }

    public static String fmt(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }

    public static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
