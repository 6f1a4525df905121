package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.ports.out.DecodeResult;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Values given on the command line that replace the config file's, as k6's {@code --vus} and
 * {@code --duration} do. They are written into the JSON document before it is decoded, so that the codec
 * checks them exactly as it checks the file and a violation carries the pointer it would have in the file;
 * its message then names the flag the value came from. Immutable.
 */
public final class ConfigOverrides {
    /** JSON's number grammar: a flag value that matches it is a number, anything else a string. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private record Override(String flag, String pointer, JsonNode value) {
    }

    private final List<Override> overrides;

    private ConfigOverrides(List<Override> overrides) {
        this.overrides = List.copyOf(overrides);
    }

    public static ConfigOverrides none() {
        return new ConfigOverrides(List.of());
    }

    /**
     * Adds a numeric override; {@code value} null leaves the file's value. A value that is not a JSON number
     * is passed on as a string, so the codec reports it like a string in the file.
     *
     * @param pointer where the value goes in a bare config, e.g. {@code /duration/seconds}
     */
    public ConfigOverrides number(String flag, String pointer, String value) {
        if (value == null) {
            return this;
        }
        String trimmed = value.strip();
        return with(new Override(flag, pointer, JSON_NUMBER.matcher(trimmed).matches()
                ? NODES.numberNode(new BigDecimal(trimmed)) : NODES.textNode(value)));
    }

    /** Adds a string override; {@code value} null leaves the file's value. */
    public ConfigOverrides text(String flag, String pointer, String value) {
        return value == null ? this : with(new Override(flag, pointer, NODES.textNode(value)));
    }

    private ConfigOverrides with(Override override) {
        List<Override> all = new ArrayList<>(overrides);
        all.add(override);
        return new ConfigOverrides(all);
    }

    boolean isEmpty() {
        return overrides.isEmpty();
    }

    /** Writes every override into {@code config}, creating the objects on the way (such as {@code duration}). */
    void applyTo(ObjectNode config) {
        for (Override o : overrides) {
            String[] steps = o.pointer().substring(1).split("/");
            ObjectNode parent = config;
            for (int i = 0; i < steps.length - 1; i++) {
                parent = parent.get(steps[i]) instanceof ObjectNode child ? child : parent.putObject(steps[i]);
            }
            parent.set(steps[steps.length - 1], o.value());
        }
    }

    /** The result, with each violation of an overridden value saying which flag the value came from. */
    DecodeResult attribute(DecodeResult result, String configPointer) {
        if (!(result instanceof DecodeResult.Invalid invalid) || overrides.isEmpty()) {
            return result;
        }
        List<ConfigViolation> attributed = new ArrayList<>();
        for (ConfigViolation v : invalid.violations()) {
            String flag = overrides.stream().filter(o -> (configPointer + o.pointer()).equals(v.pointer()))
                    .map(Override::flag).reduce((first, last) -> last).orElse(null);
            attributed.add(flag == null ? v : new ConfigViolation(v.pointer(), v.message() + " (the value came from " + flag + ")"));
        }
        return new DecodeResult.Invalid(attributed);
    }
}
