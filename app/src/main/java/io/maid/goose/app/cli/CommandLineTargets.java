package io.maid.goose.app.cli;

import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsException;
import io.maid.goose.app.settings.SettingsLoader;
import io.maid.goose.domain.TargetAllowList;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Which hosts a run started on the operator's own command line ({@code goose run}, {@code goose demo}) may
 * target, and its redirects lead to: {@code security.allowed_targets} when a settings file or the environment
 * sets it, else any host. The service ({@code goose serve}) is stricter: it answers whoever holds a key, so
 * without the setting it allows loopback only.
 */
final class CommandLineTargets {
    private CommandLineTargets() {
    }

    /** @return the allow-list, or null after printing why the settings are invalid */
    static TargetAllowList resolve(PrintStream err) {
        Settings.Security security;
        try {
            security = new SettingsLoader().load((Path) null, System.getenv()).security();
        } catch (SettingsException e) {
            err.println("goose: invalid settings: " + e.getMessage());
            return null;
        }
        return security.targetAllowList(TargetAllowList.anyHost());
    }
}
