package io.maid.goose.app.cli;

import io.maid.goose.app.settings.SettingsException;
import io.maid.goose.app.settings.SettingsLoader;

import java.util.List;

/** Which load transport a CLI run uses: the option if given, else settings {@code engine.transport}. */
final class TransportChoice {
    static final List<String> KNOWN = List.of("lean", "httpclient5");

    private TransportChoice() {
    }

    /** @return the transport name, or null after printing why the choice is invalid */
    static String resolve(String option) {
        if (option != null) {
            if (!KNOWN.contains(option)) {
                System.err.println("goose: --transport must be one of " + KNOWN + ", was '" + option + "'");
                return null;
            }
            return option;
        }
        try {
            return new SettingsLoader().load((java.nio.file.Path) null, System.getenv()).engine().transport();
        } catch (SettingsException e) {
            System.err.println("goose: invalid settings: " + e.getMessage());
            return null;
        }
    }
}
