package dev.ersatz.cli;

import dev.ersatz.core.InputException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Entry point of the {@code ersatz} command.
 *
 * <p>Exit codes: 0 success; 2 bad input or usage (one line on stderr naming the file, row, column
 * and value); 1 an internal error (one line; the stack trace only with {@code ERSATZ_DEBUG=1}).
 */
public final class Main {
    /** Exit code for bad input or usage. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an internal error. */
    public static final int INTERNAL_ERROR = 1;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The configured picocli command line, with Ersatz's error handling. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ErsatzCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            String name = ex.getCommandLine().getCommandName();
            err.println("ersatz: " + oneLine(ex.getMessage()) + " (see 'ersatz " + subcommandPath(ex.getCommandLine()) + "--help')");
            err.flush();
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            Throwable t = unwrap(ex);
            if (t instanceof InputException) {
                err.println("ersatz: " + oneLine(t.getMessage()));
                err.flush();
                return BAD_INPUT;
            }
            if (t instanceof CommandLine.ParameterException) {
                err.println("ersatz: " + oneLine(t.getMessage()));
                err.flush();
                return BAD_INPUT;
            }
            if (t instanceof OutOfMemoryError) {
                err.println("ersatz: out of memory; give the JVM more with ERSATZ_JAVA_OPTS=-Xmx8g (or fewer rows per run)");
                err.flush();
                return INTERNAL_ERROR;
            }
            err.println("ersatz: internal error: " + t.getClass().getSimpleName() + ": " + oneLine(String.valueOf(t.getMessage()))
                    + " (set ERSATZ_DEBUG=1 for the stack trace)");
            if ("1".equals(System.getenv("ERSATZ_DEBUG"))) t.printStackTrace(err);
            err.flush();
            return INTERNAL_ERROR;
        });
        return cli;
    }

    private static String subcommandPath(CommandLine cl) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) sb.insert(0, c.getCommandName() + " ");
        return sb.toString();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof UncheckedIOException || cur instanceof java.util.concurrent.CompletionException
                || cur instanceof java.util.concurrent.ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
