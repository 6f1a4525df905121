package io.maid.goose.domain;

/** A header or query parameter: one name and one value, sent exactly as given. */
public record NameValue(String name, String value) {
    public NameValue {
        Checks.nonBlank("name", name);
        if (value == null) {
            throw new ConfigException("value", "is required (use an empty string for no value)");
        }
        if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new ConfigException("value", "must not contain CR or LF");
        }
    }
}
