package io.maid.goose.support.http;

/** Failure descriptions for request outcomes: short, and never a stack trace. */
public final class FailureText {
    /** Descriptions are cut to this many characters. */
    public static final int MAX_DETAIL = 300;

    private FailureText() {
    }

    /** The exception's type and message, and its cause's when that says more; never a stack trace. */
    public static String describe(Throwable failure) {
        StringBuilder detail = new StringBuilder(failure.getClass().getSimpleName());
        if (failure.getMessage() != null) {
            detail.append(": ").append(failure.getMessage());
        }
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && cause.getMessage() != null
                && (failure.getMessage() == null || !failure.getMessage().contains(cause.getMessage()))) {
            detail.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 3) + "..." : detail.toString();
    }
}
