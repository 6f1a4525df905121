package io.maid.goose.app.cli;

import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsException;
import io.maid.goose.app.settings.SettingsLoader;

import java.nio.file.Path;

/** The settings a command runs with, loaded once per command from the standard sources and the environment. */
final class CliSettings {
    private CliSettings() {
    }

    /**
     * @param command  how the command is named in the error, e.g. {@code goose serve}
     * @param explicit the command's {@code --config} file, or null
     * @return the settings, or null after printing why they are invalid
     */
    static Settings load(String command, Path explicit) {
        try {
            return new SettingsLoader().load(explicit, System.getenv());
        } catch (SettingsException e) {
            System.err.println(command + ": invalid settings: " + e.getMessage());
            return null;
        }
    }
}
