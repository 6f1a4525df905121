package io.maid.goose.app.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code goose serve}: the REST API and WebSocket stream. */
@Command(name = "serve", description = "Start the REST API and WebSocket stream (see README).")
public final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("goose serve: the service is not built yet (issue: Service).");
        return 1;
    }
}
