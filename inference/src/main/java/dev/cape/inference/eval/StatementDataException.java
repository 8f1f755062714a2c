package dev.cape.inference.eval;

/** A statement or question file that cannot be read as such; the message names the file, line and what is wrong. */
public final class StatementDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StatementDataException(String message) {
        super(message);
    }

    public StatementDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
