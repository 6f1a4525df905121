package io.maid.goose.domain.flow;

/**
 * A Java check: true when the response passes. It runs on the virtual user's own thread or event loop,
 * right after the response arrived, so it <b>must not block</b> (no I/O, no locks, no sleeping) and should
 * be quick: while it runs, the loop's other users wait. An exception it throws fails the check.
 */
@FunctionalInterface
public interface ResponsePredicate {
    boolean test(ResponseView response);
}
