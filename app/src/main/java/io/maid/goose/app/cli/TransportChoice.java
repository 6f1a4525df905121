package io.maid.goose.app.cli;

import io.maid.goose.app.settings.Settings;
import io.maid.goose.app.settings.SettingsException;
import io.maid.goose.app.settings.SettingsLoader;

/**
 * Which load transport a CLI run uses: {@code --transport} and {@code --event-loops} where given, else the
 * settings' {@code engine.transport} and {@code engine.event_loops}.
 */
final class TransportChoice {
    private TransportChoice() {
    }

    /** @return the choice, or null after printing why it is invalid */
    static Settings.Engine resolve(String transportOption, Integer eventLoopsOption) {
        if (transportOption != null && !Settings.Engine.TRANSPORTS.contains(transportOption)) {
            System.err.println("goose: --transport must be one of " + Settings.Engine.TRANSPORTS + ", was '" + transportOption + "'");
            return null;
        }
        if (eventLoopsOption != null && (eventLoopsOption < 1 || eventLoopsOption > Settings.Engine.MAX_EVENT_LOOPS)) {
            System.err.println("goose: --event-loops must be between 1 and " + Settings.Engine.MAX_EVENT_LOOPS
                    + ", was " + eventLoopsOption);
            return null;
        }
        Settings.Engine configured;
        try {
            configured = new SettingsLoader().load((java.nio.file.Path) null, System.getenv()).engine();
        } catch (SettingsException e) {
            System.err.println("goose: invalid settings: " + e.getMessage());
            return null;
        }
        return configured.withTransport(transportOption != null ? transportOption : configured.transport(),
                eventLoopsOption != null ? eventLoopsOption : configured.eventLoops());
    }
}
