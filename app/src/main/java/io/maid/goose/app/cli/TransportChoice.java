package io.maid.goose.app.cli;

import io.maid.goose.app.settings.Settings;

/**
 * Which load transport a CLI run uses: {@code --transport} and {@code --event-loops} where given, else the
 * settings' {@code engine.transport} and {@code engine.event_loops}.
 */
final class TransportChoice {
    private TransportChoice() {
    }

    /**
     * @param configured the engine settings the command loaded
     * @return the choice, or null after printing why it is invalid
     */
    static Settings.Engine resolve(Settings.Engine configured, String transportOption, Integer eventLoopsOption) {
        if (transportOption != null && !Settings.Engine.TRANSPORTS.contains(transportOption)) {
            System.err.println("goose: --transport must be one of " + Settings.Engine.TRANSPORTS + ", was '" + transportOption + "'");
            return null;
        }
        if (eventLoopsOption != null && (eventLoopsOption < 1 || eventLoopsOption > Settings.Engine.MAX_EVENT_LOOPS)) {
            System.err.println("goose: --event-loops must be between 1 and " + Settings.Engine.MAX_EVENT_LOOPS
                    + ", was " + eventLoopsOption);
            return null;
        }
        return configured.withTransport(transportOption != null ? transportOption : configured.transport(),
                eventLoopsOption != null ? eventLoopsOption : configured.eventLoops());
    }
}
