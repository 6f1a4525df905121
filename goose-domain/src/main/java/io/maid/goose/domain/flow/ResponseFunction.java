package io.maid.goose.domain.flow;

/**
 * A Java extractor: reads a value out of a response, or returns null when it finds none. It runs on the
 * virtual user's own thread or event loop, right after the response arrived, so it <b>must not block</b>
 * (no I/O, no locks, no sleeping) and should be quick: while it runs, the loop's other users wait.
 */
@FunctionalInterface
public interface ResponseFunction {
    String apply(ResponseView response);
}
