package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CapeCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Asserts a refusal: {@code exitCode}, and one line on stderr, without a stack trace, holding every part. */
    void assertOneLine(int expectedExitCode, String... parts) {
        assertEquals(expectedExitCode, exitCode, err);
        String line = err.strip();
        assertFalse(line.contains("\n") || line.contains("Exception") || line.contains("at dev.cape"), line);
        for (String p : parts) {
            assertTrue(line.contains(p), () -> "'" + p + "' not in: " + line);
        }
    }
}
