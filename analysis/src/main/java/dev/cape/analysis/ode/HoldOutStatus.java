package dev.cape.analysis.ode;

/** Outcome of predicting a held-out family. */
public enum HoldOutStatus {
    /** Every larger size was predicted. */
    COMPLETE,
    /** The trajectory stopped (left [0,1]², blew up, failed) after reaching some sizes. */
    PARTIAL,
    /** The trajectory stopped before the first larger size. */
    NOT_REACHED,
    /** The field could not be fitted without this family (e.g. singular library); only in leave-one-out tables. */
    FIT_FAILED
}
