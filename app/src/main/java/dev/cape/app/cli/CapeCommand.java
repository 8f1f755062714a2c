package dev.cape.app.cli;

import dev.cape.analysis.data.DataFormatException;
import dev.cape.inference.model.ModelLoadException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/** The {@code cape} command: subcommands for every job; with no subcommand, the default job on the bundled data. */
@Command(name = "cape", mixinStandardHelpOptions = true, versionProvider = CapeCommand.Version.class,
        scope = CommandLine.ScopeType.INHERIT,   // subcommands print the version with -V too
        description = "CAPE Workbench: how reasoning and truthfulness interact as language models grow.%n"
                + "With no command, opens the workbench window on the bundled data; without a display, prints the "
                + "diagnosis of the bundled data instead.",
        subcommands = {CommandLine.HelpCommand.class, DiagnoseCommand.class, ForwardCommand.class,
                GenerateCommand.class, BenchCommand.class, CompareCommand.class, OdeCommand.class, PcaCommand.class,
                FrontierCommand.class, ReportCommand.class, GuiCommand.class, ScreenshotCommand.class,
                DirectionCommand.class, SteerCommand.class, ExportGgufCommand.class, HeadsCommand.class,
                DoctorCommand.class})
public final class CapeCommand implements java.util.concurrent.Callable<Integer> {

    /** Exit codes, a contract for scripts. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_BAD_DATA = 3;

    @Option(names = "--debug", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (GuiCommand.displayAvailable()) {
            return spec.commandLine().execute("gui");
        }
        spec.commandLine().getErr().println("cape: no display, so no workbench window: printing the diagnosis of the"
                + " bundled data (cape gui opens the window where a display is available)");
        return spec.commandLine().execute("diagnose");
    }

    /** Runs the CLI with the given arguments and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the CLI writing to the given streams (used by tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return newCommandLine(out, err).execute(args);
    }

    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new CapeCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            if (debug) {
                ex.printStackTrace(commandLine.getErr());
            }
            if (ex instanceof DataFormatException || ex instanceof ModelLoadException
                    || ex instanceof dev.cape.inference.eval.StatementDataException
                    || ex instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("cape: " + ex.getMessage());
                return EXIT_BAD_DATA;
            }
            if (ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("cape: " + ex.getMessage());
                return EXIT_USAGE;
            }
            commandLine.getErr().println("cape: internal error: " + ex
                    + (debug ? "" : " (run again with --debug for the stack trace)"));
            return EXIT_INTERNAL;
        });
        return cl;
    }

    /** Version from the jar manifest, or the development version when run from classes. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"CAPE Workbench " + version()};
        }
    }

    public static String version() {
        String v = CapeCommand.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT (development)" : v;
    }
}
