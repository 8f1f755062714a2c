package dev.cape.analysis.resampling;

/** Thrown when a long routine stops because its thread was interrupted. */
public class CancelledException extends RuntimeException {

    public CancelledException(String message) {
        super(message);
    }
}
