package io.maid.goose.domain.flow;

import io.maid.goose.domain.Checks;
import io.maid.goose.domain.ConfigException;

import java.util.List;
import java.util.Objects;

/**
 * A judgement of one response ({@code checks[]}). A failed check fails the request as {@code check_failed};
 * passes and failures are counted per check. Each has an optional {@link #name()}; {@link #label()} is the
 * name, or a description derived from the check ({@code status in [200]}).
 */
public sealed interface Check {
    /** The name given in the config, or null. */
    String name();

    /** What it is called in reports. */
    String label();

    /** Whether it reads the response body (so the transport must capture it). */
    boolean readsBody();

    /** Whether it reads the response headers. */
    default boolean readsHeaders() {
        return false;
    }

    /** The status is one of {@code codes}. */
    record Status(String name, List<Integer> codes) implements Check {
        public Status {
            codes = Checks.copy("status", codes);
            if (codes.isEmpty()) {
                throw new ConfigException("status", "must list at least one status code");
            }
            for (int i = 0; i < codes.size(); i++) {
                Checks.range("status/" + i, codes.get(i), 100, 599);
            }
        }

        @Override
        public String label() {
            return name != null ? name : "status in " + codes;
        }

        @Override
        public boolean readsBody() {
            return false;
        }
    }

    /** The body contains the rendered text. */
    record BodyContains(String name, Template text) implements Check {
        public BodyContains {
            Objects.requireNonNull(text, "body_contains");
        }

        @Override
        public String label() {
            return name != null ? name : "body contains '" + text.text() + "'";
        }

        @Override
        public boolean readsBody() {
            return true;
        }
    }

    /** The body matches the regex (anywhere). */
    record BodyMatches(String name, String regex) implements Check {
        public BodyMatches {
            Regexes.compile("body_matches", regex);
        }

        @Override
        public String label() {
            return name != null ? name : "body matches /" + regex + "/";
        }

        @Override
        public boolean readsBody() {
            return true;
        }
    }

    /** The value at a JSON pointer of the body meets the expectation. */
    record Json(String name, String pointer, Expectation expect) implements Check {
        public Json {
            Regexes.pointer("json", pointer);
            Objects.requireNonNull(expect, "exists, equals or matches");
        }

        @Override
        public String label() {
            return name != null ? name : "json " + pointer + " " + expect;
        }

        @Override
        public boolean readsBody() {
            return true;
        }
    }

    /** The response header meets the expectation. */
    record Header(String name, String header, Expectation expect) implements Check {
        public Header {
            Checks.nonBlank("header", header);
            Objects.requireNonNull(expect, "exists, equals or matches");
        }

        @Override
        public String label() {
            return name != null ? name : "header " + header + " " + expect;
        }

        @Override
        public boolean readsBody() {
            return false;
        }

        @Override
        public boolean readsHeaders() {
            return true;
        }
    }

    /** The request took at most {@code ms} milliseconds. */
    record MaxLatency(String name, double ms) implements Check {
        public MaxLatency {
            Checks.positive("max_latency_ms", ms, 3_600_000);
        }

        @Override
        public String label() {
            return name != null ? name : "latency <= " + Checks.fmt(ms) + " ms";
        }

        @Override
        public boolean readsBody() {
            return false;
        }
    }

    /**
     * A Java predicate of the response, for embedders. It runs on the user's loop and must not block (see
     * {@link ResponsePredicate}). A config holding one cannot be encoded as JSON.
     */
    record Custom(String name, ResponsePredicate predicate, boolean readsBody) implements Check {
        public Custom {
            Checks.nonBlank("name", name);
            Objects.requireNonNull(predicate, "predicate");
        }

        @Override
        public String label() {
            return name;
        }

        @Override
        public boolean readsHeaders() {
            return true;
        }
    }
}
