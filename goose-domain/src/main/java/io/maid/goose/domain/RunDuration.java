package io.maid.goose.domain;

/** How long the maintain phase holds all users. */
public record RunDuration(long seconds) {
    public RunDuration {
        Checks.range("seconds", seconds, 1, 86_400);
    }
}
