package io.maid.goose.app;

import io.maid.goose.app.cli.DemoCommand;
import io.maid.goose.app.cli.RunCommand;
import io.maid.goose.app.cli.SchemaCommand;
import io.maid.goose.app.cli.ServeCommand;
import io.maid.goose.app.cli.ValidateCommand;
import io.maid.goose.app.cli.WorkerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code goose} command line: run, demo, serve, worker, schema, validate. {@code --help}/{@code -h} and
 * {@code --version}/{@code -V} are inherited by every subcommand, and picocli answers them before it checks
 * required parameters, so {@code goose run --help} prints help and exits 0.
 */
@Command(name = "goose", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "goose-java 0.1.0",
        description = "A load tester for the JVM: real load, true numbers.",
        subcommands = {RunCommand.class, DemoCommand.class, ServeCommand.class, WorkerCommand.class, SchemaCommand.class,
                ValidateCommand.class, CommandLine.HelpCommand.class})
public final class GooseMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        configureLogging();
        System.exit(execute(args));
    }

    /** Quiet, one-line logging unless the user brought a JUL config of their own. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (var in = GooseMain.class.getResourceAsStream("logging.properties")) {
            if (in != null) {
                java.util.logging.LogManager.getLogManager().readConfiguration(in);
            }
        } catch (java.io.IOException e) {
            System.err.println("goose: default logging configuration not loaded: " + e.getMessage());
        }
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
