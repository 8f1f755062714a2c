package dev.cape.inference.model;

/**
 * A model folder or checkpoint that cannot be loaded. The message names the file, the tensor or config field,
 * what was found and what was expected, so it can be shown to a user as is.
 */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
