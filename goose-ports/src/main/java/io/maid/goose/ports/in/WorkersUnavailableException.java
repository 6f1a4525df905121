package io.maid.goose.ports.in;

/**
 * A distributed run cannot start: fewer workers are ready than it needs. Thrown by {@link StartRunUseCase#start}
 * before anything is recorded or started; the message says which workers could not take a segment and why.
 */
public final class WorkersUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int requested;
    private final int available;

    /**
     * @param requested the workers the run asked for ({@code distribution.workers}, or at least one)
     * @param available the workers that are joined and ready
     */
    public WorkersUnavailableException(int requested, int available, String detail) {
        super("the run needs " + requested + " worker(s) and " + available + " " + (available == 1 ? "is" : "are")
                + " available" + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.requested = requested;
        this.available = available;
    }

    public int requested() {
        return requested;
    }

    public int available() {
        return available;
    }
}
