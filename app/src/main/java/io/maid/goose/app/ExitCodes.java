package io.maid.goose.app;

/** Process exit codes of the CLI. Errors measured during a run are results, not failures. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int INVALID_CONFIG = 2;

    private ExitCodes() {
    }
}
