package io.maid.goose.domain.flow;

import io.maid.goose.domain.Checks;
import io.maid.goose.domain.ConfigException;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Takes a value out of a response into a session variable ({@code extract[]}). A miss with a
 * {@link #defaultValue()} sets the default; a miss without one fails the request as {@code extract_failed}
 * and leaves the variable as it was.
 */
public sealed interface Extractor {
    /** The variable it sets: a plain name ({@code token}); dotted names belong to feeders. */
    String var();

    /** The value on a miss, or null to fail the request instead. */
    String defaultValue();

    /** Whether it reads the response body (so the transport must capture it). */
    boolean readsBody();

    /** Whether it reads the response headers. */
    default boolean readsHeaders() {
        return !readsBody();
    }

    /** The value at an RFC 6901 pointer of a JSON body: strings unquoted, other values as JSON text. */
    record JsonValue(String var, String pointer, String defaultValue) implements Extractor {
        public JsonValue {
            Extractors.var(var);
            Regexes.pointer("json", pointer);
        }

        @Override
        public boolean readsBody() {
            return true;
        }
    }

    /** A group of the first match of a regex in the body (group 0 is the whole match). */
    record RegexMatch(String var, String regex, int group, String defaultValue) implements Extractor {
        public RegexMatch {
            Extractors.var(var);
            Pattern p = Regexes.compile("regex", regex);
            int groups = p.matcher("").groupCount();
            if (group < 0 || group > groups) {
                throw new ConfigException("group", "must be between 0 and " + groups + " (the regex has " + groups
                        + " group" + (groups == 1 ? "" : "s") + "), was " + group);
            }
        }

        @Override
        public boolean readsBody() {
            return true;
        }
    }

    /** The first response header of that name (case-insensitive). */
    record HeaderValue(String var, String header, String defaultValue) implements Extractor {
        public HeaderValue {
            Extractors.var(var);
            Checks.nonBlank("header", header);
        }

        @Override
        public boolean readsBody() {
            return false;
        }
    }

    /** The value of a cookie the response sets ({@code Set-Cookie: NAME=value; ...}). */
    record CookieValue(String var, String cookie, String defaultValue) implements Extractor {
        public CookieValue {
            Extractors.var(var);
            Checks.nonBlank("cookie", cookie);
        }

        @Override
        public boolean readsBody() {
            return false;
        }
    }

    /**
     * A Java function of the response, for embedders. It runs on the user's loop and must not block (see
     * {@link ResponseFunction}). A config holding one cannot be encoded as JSON.
     *
     * @param name what it is called in statistics and errors
     */
    record Custom(String var, String name, ResponseFunction function, boolean readsBody, String defaultValue)
            implements Extractor {
        public Custom {
            Extractors.var(var);
            Checks.nonBlank("name", name);
            Objects.requireNonNull(function, "function");
        }

        @Override
        public boolean readsHeaders() {
            return true;
        }
    }
}
