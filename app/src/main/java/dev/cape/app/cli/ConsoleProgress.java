package dev.cape.app.cli;

import dev.cape.analysis.resampling.ProgressListener;
import java.io.PrintWriter;

/** Progress on stderr as one self-overwriting line, at most every 200 ms; silent unless stderr is a terminal. */
final class ConsoleProgress implements ProgressListener {

    private final PrintWriter err;
    private long lastPrint;
    private String lastTask = "";

    private ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    /** A progress line on {@code err} when the process runs in a terminal, otherwise nothing. */
    static ProgressListener forTerminal(PrintWriter err) {
        return System.console() != null ? new ConsoleProgress(err) : ProgressListener.NONE;
    }

    @Override
    public synchronized void progress(String task, long done, long total) {
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (!finished && task.equals(lastTask) && now - lastPrint < 200_000_000L) {
            return;
        }
        lastPrint = now;
        lastTask = task;
        err.printf("\r%-40s %3d%%%s", task, total == 0 ? 100 : (int) (100 * done / total), finished ? "\n" : "");
        err.flush();
    }
}
