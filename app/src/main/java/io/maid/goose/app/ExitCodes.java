package io.maid.goose.app;

/** Process exit codes of the CLI. Errors measured during a run are results, not failures. */
public final class ExitCodes {
    /** The command did what was asked; for a run, it completed (or was stopped) and its reports were written. */
    public static final int OK = 0;
    /** The run failed, or its reports could not be written; the cause is printed. */
    public static final int FAILED = 1;
    /** Something went wrong inside goose; the cause is printed. */
    public static final int INTERNAL = 1;
    /** The config (or a flag, or the settings) is invalid, or the config file cannot be read. */
    public static final int INVALID_CONFIG = 2;

    private ExitCodes() {
    }
}
