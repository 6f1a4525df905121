package io.maid.goose.domain;

/**
 * A value that breaks a rule of the run-config domain.
 *
 * <p>{@link #field()} is the path of the offending field relative to the record that threw, written the
 * way a JSON pointer is (for example {@code users} or {@code transactions/1/request/method}), so that a
 * codec can prefix it with the record's own pointer and report the exact location to the user.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public ConfigException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The offending field, relative to the record that threw. */
    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        String m = getMessage();
        return m.substring(field.length() + 2);
    }

    /** Re-throws this exception with {@code prefix/} in front of the field. */
    public ConfigException within(String prefix) {
        ConfigException nested = new ConfigException(prefix + "/" + field, reason());
        nested.setStackTrace(getStackTrace());
        return nested;
    }
}
