package io.maid.goose.domain.flow;

import io.maid.goose.domain.Checks;
import io.maid.goose.domain.ConfigException;

import java.util.ArrayList;
import java.util.List;

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

    /**
     * Builds a feeder with its rows in code:
     * <pre>{@code
     * DataFeeder accounts = DataFeeder.builder("accounts").columns("username", "password")
     *         .row("alice", "a-secret").row("bob", "b-secret").strategy(FeedStrategy.UNIQUE).build();
     * }</pre>
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects a feeder's columns and rows; the default strategy is circular. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private List<String> columns = List.of();
        private final List<List<String>> rows = new ArrayList<>();
        private FeedStrategy strategy = FeedStrategy.CIRCULAR;
        private OnExhausted onExhausted = OnExhausted.STOP_USER;

        private Builder(String name) {
            this.name = name;
        }

        public Builder columns(String... names) { columns = List.of(names); return this; }
        /** One row: a value per column, in column order. */
        public Builder row(String... values) { rows.add(List.of(values)); return this; }
        public Builder strategy(FeedStrategy s) { strategy = s; return this; }
        /** What a {@code unique} feeder does when its rows run out (default: the user that needs one stops). */
        public Builder onExhausted(OnExhausted o) { onExhausted = o; return this; }

        public DataFeeder build() {
            return new DataFeeder(name, new FeedSource.Rows(columns, rows), strategy, onExhausted);
        }
    }

    /** The same feeder with its rows in place of its file (after loading). */
    public DataFeeder withSource(FeedSource source) {
        return new DataFeeder(name, source, strategy, onExhausted);
    }
}
