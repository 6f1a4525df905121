package io.maid.goose.app;

/**
 * Process exit codes of the CLI. Errors measured during a run are results, not failures; a run's thresholds
 * turn them into a verdict ({@link #THRESHOLD_FAILED}).
 */
public final class ExitCodes {
    /**
     * The command did what was asked; for a run, it completed (or was stopped), its reports were written and every
     * threshold passed (or it had none).
     */
    public static final int OK = 0;
    /** The run failed, or its reports could not be written; the cause is printed. */
    public static final int FAILED = 1;
    /** Something went wrong inside goose; the cause is printed. */
    public static final int INTERNAL = 1;
    /** The config (or a flag, or the settings) is invalid, or the config file cannot be read. */
    public static final int INVALID_CONFIG = 2;
    /** A run's threshold failed (an abort_on_fail stop included); its reports were written. */
    public static final int THRESHOLD_FAILED = 3;

    private ExitCodes() {
    }
}
