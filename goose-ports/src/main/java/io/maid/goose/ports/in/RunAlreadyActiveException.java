package io.maid.goose.ports.in;

/** Only one run at a time: thrown by {@link StartRunUseCase#start} while another run is active. */
public final class RunAlreadyActiveException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final String activeRunId;

    public RunAlreadyActiveException(String activeRunId) {
        super("run " + activeRunId + " is still active; stop it first");
        this.activeRunId = activeRunId;
    }

    public String activeRunId() {
        return activeRunId;
    }
}
