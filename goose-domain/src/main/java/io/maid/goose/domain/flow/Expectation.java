package io.maid.goose.domain.flow;

import java.util.Objects;

/** What a {@code json} or {@code header} check expects of the value it finds. */
public sealed interface Expectation {
    /** The value is there. */
    record Exists() implements Expectation {
        @Override
        public String toString() {
            return "exists";
        }
    }

    /** The value equals the rendered template. */
    record Equals(Template value) implements Expectation {
        public Equals {
            Objects.requireNonNull(value, "equals");
        }

        @Override
        public String toString() {
            return "equals '" + value.text() + "'";
        }
    }

    /** The value matches the regex (anywhere: {@code find}, not a whole match). */
    record Matches(String regex) implements Expectation {
        public Matches {
            Regexes.compile("matches", regex);
        }

        @Override
        public String toString() {
            return "matches /" + regex + "/";
        }
    }

    Expectation EXISTS = new Exists();
}
