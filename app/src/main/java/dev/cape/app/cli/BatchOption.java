package dev.cape.app.cli;

import picocli.CommandLine.Option;

/** The {@code --batch N} option of the commands that run statements through a model in batches. */
public final class BatchOption {

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N", description = "Sequences per forward pass."
            + " Default: ${DEFAULT-VALUE}.")
    int batch;

    /** Sequences per forward pass. */
    public int size() {
        OptionChecks.atLeast("--batch", batch, 1);
        return batch;
    }
}
