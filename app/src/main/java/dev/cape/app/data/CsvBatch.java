package dev.cape.app.data;

import dev.cape.analysis.data.ColumnAliases;
import dev.cape.analysis.data.ColumnRole;
import dev.cape.analysis.data.CsvImporter;
import dev.cape.analysis.data.DataFormatException;
import dev.cape.analysis.data.Dataset;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What reading several CSV files gave: the data sets that read, the problems of those that did not, and the files
 * whose headers name no model, family or size column (they need a column mapping).
 *
 * @param data     data sets read, in file order
 * @param problems files that could not be read
 * @param requests files that need a column mapping
 */
record CsvBatch(List<Dataset> data, List<ImportProblem> problems, List<MappingRequest> requests) {

    /** Reads the files with the importer's defaults; never throws for a bad file. */
    static CsvBatch read(List<Path> files) {
        List<Dataset> data = new ArrayList<>();
        List<ImportProblem> failed = new ArrayList<>();
        List<MappingRequest> requests = new ArrayList<>();
        CsvImporter importer = CsvImporter.withDefaults();
        for (Path f : files) {
            try {
                List<String> headers = importer.readHeader(f);
                Optional<String> missing = missingRoles(headers);
                if (missing.isPresent()) {
                    requests.add(new MappingRequest(f, headers, "no column recognised as " + missing.get()));
                } else {
                    data.add(importer.read(f));
                }
            } catch (DataFormatException | UncheckedIOException e) {
                failed.add(ImportProblem.of(f.toString(), e));
            }
        }
        return new CsvBatch(data, failed, requests);
    }

    /** The required roles no header is an alias of, comma-separated; empty when all are found. */
    static Optional<String> missingRoles(List<String> headers) {
        Set<ColumnRole> found = headers.stream().map(ColumnAliases::role).flatMap(Optional::stream)
                .collect(Collectors.toSet());
        String missing = Arrays.stream(ColumnRole.values()).filter(r -> r.required() && !found.contains(r))
                .map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        return missing.isEmpty() ? Optional.empty() : Optional.of(missing);
    }
}
