package dev.cape.app.cli;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.data.CsvImporter;
import dev.cape.analysis.data.Dataset;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data FILE} option shared by commands that read model scores: a CSV, or the bundled data. */
public final class DataOption {

    @Option(names = "--data", paramLabel = "FILE", description = "CSV of model scores (default: the bundled data).")
    Path data;

    /** The user's CSV when given, else the bundled base models. */
    public Dataset load() {
        return data == null ? BundledData.baseModels() : CsvImporter.withDefaults().read(data);
    }
}
