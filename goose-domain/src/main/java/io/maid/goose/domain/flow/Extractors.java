package io.maid.goose.domain.flow;

import io.maid.goose.domain.ConfigException;

import java.util.regex.Pattern;

/** Rules shared by the extractor kinds. */
final class Extractors {
    static final Pattern VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private Extractors() {
    }

    static void var(String var) {
        if (var == null || !VAR.matcher(var).matches()) {
            throw new ConfigException("var", "must be a variable name (letters, digits, _ and -, starting with a letter"
                    + " or _; dotted names belong to feeders), was " + (var == null ? "missing" : "'" + var + "'"));
        }
    }
}
