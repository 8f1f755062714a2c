package dev.cape.analysis.data;

import dev.cape.resources.BundledResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The base-model scores the product ships ({@code resources} module, {@code data/base_models.csv}; sources in
 * {@code data/SOURCES.md}), read through {@link CsvImporter} with its defaults.
 */
public final class BundledData {

    /** Source name of the bundled base models in messages and origins. */
    public static final String BASE_MODELS_SOURCE = "bundled base_models.csv";

    private BundledData() {
    }

    /** The 155 bundled base models of 48 families, each with its {@code quirks} and provenance attributes. */
    public static Dataset baseModels() {
        try (InputStream in = BundledResources.open(BundledResources.BASE_MODELS)) {
            return CsvImporter.withDefaults().read(in, BASE_MODELS_SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BASE_MODELS_SOURCE + ": " + e.getMessage(), e);
        }
    }
}
