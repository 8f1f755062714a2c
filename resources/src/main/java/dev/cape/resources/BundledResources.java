package dev.cape.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The data files the product ships, read from the classpath; see {@code data/SOURCES.md} for where each comes from. */
public final class BundledResources {

    /** 155 base models from 48 families: reasoning and truthfulness benchmark scores, size, architecture. */
    public static final String BASE_MODELS = "data/base_models.csv";
    /** 40 frontier chat/reasoning models from 10 labs: GPQA Diamond and SimpleQA. */
    public static final String FRONTIER_MODELS = "data/frontier_models.csv";
    /** Where every row of the data files comes from, with licences (Markdown). */
    public static final String SOURCES = "data/SOURCES.md";

    private BundledResources() {
    }

    /** Every bundled data file name. */
    public static List<String> dataFiles() {
        return List.of(BASE_MODELS, FRONTIER_MODELS);
    }

    /** Opens a bundled file by its name relative to {@code dev/cape/resources/}; the caller closes it. */
    public static InputStream open(String name) {
        InputStream in = BundledResources.class.getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("bundled resource missing from the build: " + name));
        }
        return in;
    }
}
