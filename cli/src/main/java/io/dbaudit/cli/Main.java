package io.dbaudit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "dbaudit", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Policy-as-code compliance and audit scanner for PostgreSQL, Patroni, MongoDB and Redis.",
        subcommands = {ScanCommand.class, CollectCommand.class, EvaluateCommand.class, DiffCommand.class,
                RulesCommand.class, WaiversCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 tool error, 2 bad input, 4 gate failed (--fail-on), 5 incomplete."})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code, so tests can call it without exiting the JVM. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof BadInputException) {
                err.println("dbaudit: " + ex.getMessage());
                return ExitCode.BAD_INPUT.code();
            }
            if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
                // the environment (a disk, a directory), not a bug: say what failed, plainly
                err.println("dbaudit: " + ex.getMessage());
                return ExitCode.TOOL_ERROR.code();
            }
            err.println("dbaudit: internal error: " + ex);
            if (System.getenv("DBAUDIT_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return ExitCode.TOOL_ERROR.code();
        });
        cli.setExitCodeExceptionMapper(ex -> ExitCode.BAD_INPUT.code());
        cli.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("dbaudit: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.BAD_INPUT.code();
        });
        return cli.execute(args);
    }
}
