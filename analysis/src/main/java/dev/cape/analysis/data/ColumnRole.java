package dev.cape.analysis.data;

/** What a non-score column of a model table means: the model name, its family, its size or its hidden width. */
public enum ColumnRole {

    /** Model name, e.g. a Hugging Face repo id; required. */
    MODEL("model", true),
    /** Family name (models trained with one recipe at several sizes); required. */
    FAMILY("family", true),
    /** Parameter count, in billions or as a raw count; required. */
    SIZE("params_b", true),
    /** Hidden width d_model; optional. */
    WIDTH("hidden_size", false);

    private final String canonicalHeader;
    private final boolean required;

    ColumnRole(String canonicalHeader, boolean required) {
        this.canonicalHeader = canonicalHeader;
        this.required = required;
    }

    /** The header the project's own CSV format uses for this role. */
    public String canonicalHeader() {
        return canonicalHeader;
    }

    /** Whether an import fails when no column has this role. */
    public boolean required() {
        return required;
    }
}
