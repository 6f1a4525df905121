package io.maid.goose.domain;

/** The OAuth-style scopes of the run service. */
public final class Scopes {
    /** View status, history, metrics, reports, schema. */
    public static final String READ = "read:loadtests";
    /** Start or stop runs, generate recipes, request analyses. */
    public static final String WRITE = "write:loadtests";

    private Scopes() {
    }
}
