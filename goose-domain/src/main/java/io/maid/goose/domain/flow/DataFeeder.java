package io.maid.goose.domain.flow;

import io.maid.goose.domain.Checks;
import io.maid.goose.domain.ConfigException;

/**
 * A named source of rows (the config's {@code data[]}). A transaction with {@code "feed": name} takes one
 * row just before it renders; the row's columns become the session variables {@code <name>.<column>}.
 */
public record DataFeeder(String name, FeedSource source, FeedStrategy strategy, OnExhausted onExhausted) {
    public DataFeeder {
        Checks.nonBlank("name", name);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            throw new ConfigException("name", "must be letters, digits, _ or - (starting with a letter or _), was '"
                    + name + "'");
        }
        Checks.required("source", source);
        strategy = strategy == null ? FeedStrategy.CIRCULAR : strategy;
        onExhausted = onExhausted == null ? OnExhausted.STOP_USER : onExhausted;
    }

    /** With its rows given in code. */
    public static DataFeeder rows(String name, FeedStrategy strategy, FeedSource.Rows rows) {
        return new DataFeeder(name, rows, strategy, OnExhausted.STOP_USER);
    }

    /** The same feeder with its rows in place of its file (after loading). */
    public DataFeeder withSource(FeedSource source) {
        return new DataFeeder(name, source, strategy, onExhausted);
    }
}
