package dev.cape.app.cli;

/**
 * Option values checked at the start of a command, before anything is loaded, so the message names the option as
 * the user typed it ({@code --max-tokens}) rather than the library parameter behind it.
 */
final class OptionChecks {

    private OptionChecks() {
    }

    /** {@code option} must be at least {@code min}. */
    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + ": " + value);
        }
    }

    /** {@code option} must be a finite number >= 0. */
    static void nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number >= 0: " + value);
        }
    }

    /** {@code option} must be a finite number > 0. */
    static void positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number > 0: " + value);
        }
    }

    /** {@code option} must lie in the open interval (0, 1), or (0, 1] when {@code oneAllowed}. */
    static void unitInterval(String option, double value, boolean oneAllowed) {
        if (!(value > 0) || (oneAllowed ? !(value <= 1) : !(value < 1))) {
            throw new IllegalArgumentException(option + " must be in (0, 1" + (oneAllowed ? "]" : ")") + ": "
                    + value);
        }
    }
}
