package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.ConfigViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The violations found while a schema-valid tree is mapped onto the domain records, and the ways of building
 * records that turn a broken rule into a violation instead of an exception, so that siblings are still built
 * and every problem is reported at once. Not thread-safe: one per decode.
 */
final class Violations {
    private final List<ConfigViolation> found = new ArrayList<>();

    List<ConfigViolation> found() {
        return found;
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Adds a violation at {@code pointer}; the message starts with the field's label. */
    void add(String pointer, String rule) {
        found.add(new ConfigViolation(pointer, Pointers.label(pointer) + ": " + rule));
    }

    /** Adds a domain rule broken below {@code at}: the exception's field, relative to {@code at}, locates it. */
    void add(String at, ConfigException e) {
        add(e.field().isEmpty() ? at : at + "/" + e.field(), e.reason());
    }

    /** Runs a record constructor; a broken rule becomes a violation below {@code at} and the result null. */
    <T> T build(String at, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ConfigException e) {
            add(at, e);
            return null;
        }
    }

    /** Every element built, or null when one of them failed (each failure is a violation). */
    <T> List<T> list(JsonNode array, String at, BiFunction<JsonNode, String, T> element) {
        List<T> result = each(array, at, element);
        return result.contains(null) ? null : result;
    }

    /** Every element, with null in the place of each one that failed. */
    <T> List<T> each(JsonNode array, String at, BiFunction<JsonNode, String, T> element) {
        List<T> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            result.add(element.apply(array.get(i), Pointers.child(at, i)));
        }
        return result;
    }
}
