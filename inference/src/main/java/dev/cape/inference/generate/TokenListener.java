package dev.cape.inference.generate;

/** Receives each generated token as soon as it is chosen (streaming). */
@FunctionalInterface
public interface TokenListener {

    /**
     * @param step  0-based index of the new token
     * @param token its id
     */
    void onToken(int step, int token);
}
