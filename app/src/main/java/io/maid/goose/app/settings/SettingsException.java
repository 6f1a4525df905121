package io.maid.goose.app.settings;

/** Settings that cannot be used, with a message that names the key and the source. */
public final class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
