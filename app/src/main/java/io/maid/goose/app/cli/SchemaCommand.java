package io.maid.goose.app.cli;

import io.maid.goose.app.Composition;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code goose schema}: prints the run-config JSON Schema (draft-07). */
@Command(name = "schema", description = "Print the run-config JSON Schema (draft-07).")
public final class SchemaCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println(Composition.codec().schema());
        return 0;
    }
}
