package io.maid.goose.domain.flow;

import io.maid.goose.domain.ConfigException;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Regex and JSON-pointer rules shared by extractors and checks. */
final class Regexes {
    private Regexes() {
    }

    /** Compiles {@code regex} or throws a ConfigException at {@code field} saying why. */
    static Pattern compile(String field, String regex) {
        if (regex == null) {
            throw new ConfigException(field, "is required");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(field, "is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
    }

    /** Checks an RFC 6901 JSON pointer: empty, or {@code /} segments with {@code ~} only as {@code ~0}/{@code ~1}. */
    static String pointer(String field, String pointer) {
        if (pointer == null) {
            throw new ConfigException(field, "is required");
        }
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new ConfigException(field, "must be a JSON pointer (RFC 6901) such as /token or /items/0/id, was '"
                    + pointer + "'");
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~' && (i + 1 >= pointer.length()
                    || (pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1'))) {
                throw new ConfigException(field, "has a '~' not followed by 0 or 1 (write ~0 for '~' and ~1 for '/'): '"
                        + pointer + "'");
            }
        }
        return pointer;
    }
}
