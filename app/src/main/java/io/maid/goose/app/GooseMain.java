package io.maid.goose.app;

import io.maid.goose.app.cli.DemoCommand;
import io.maid.goose.app.cli.RunCommand;
import io.maid.goose.app.cli.SchemaCommand;
import io.maid.goose.app.cli.ServeCommand;
import io.maid.goose.app.cli.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code goose} command line: run, demo, serve, schema, validate. */
@Command(name = "goose", mixinStandardHelpOptions = true, version = "goose-java 0.1.0",
        description = "A load tester for the JVM: real load, true numbers.",
        subcommands = {RunCommand.class, DemoCommand.class, ServeCommand.class, SchemaCommand.class,
                ValidateCommand.class, CommandLine.HelpCommand.class})
public final class GooseMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new GooseMain());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("goose: internal failure: " + ex);
            return ExitCodes.INTERNAL;
        });
        return cl.execute(args);
    }
}
