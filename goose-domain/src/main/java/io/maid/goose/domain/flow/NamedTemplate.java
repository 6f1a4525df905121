package io.maid.goose.domain.flow;

import io.maid.goose.domain.Checks;
import io.maid.goose.domain.ConfigException;


/** A header or query parameter whose value is a {@link Template}; the name is sent as written. */
public record NamedTemplate(String name, Template value) {
    public NamedTemplate {
        Checks.nonBlank("name", name);
        if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
            throw new ConfigException("name", "must not contain CR or LF");
        }
        if (value == null) {
            throw new ConfigException("value", "is required (use an empty string for no value)");
        }
        if (value.text().indexOf('\r') >= 0 || value.text().indexOf('\n') >= 0) {
            throw new ConfigException("value", "must not contain CR or LF");
        }
    }

    /** Parses {@code value}; a template error is reported at {@code value}. */
    public static NamedTemplate of(String name, String value) {
        if (value == null) {
            throw new ConfigException("value", "is required (use an empty string for no value)");
        }
        return new NamedTemplate(name, Templates.parse("value", value));
    }
}
