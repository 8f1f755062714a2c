package dev.cape.inference.direction;

import java.util.Locale;

/** How a direction is fitted from labelled activations; see {@link DirectionFitter}. */
public enum DirectionMethod {
    /** Difference of the class means (true minus false). */
    MASS_MEAN,
    /** Weights of an L2-regularised logistic regression. */
    LOGISTIC,
    /** First principal component of true-minus-false paired differences, centred. */
    PCA,
    /** First right singular vector of the paired differences, not centred. */
    PCA_UNCENTRED;

    /** Command-line name: {@code mass-mean}, {@code logistic}, {@code pca}, {@code pca-uncentred}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DirectionMethod parse(String id) {
        for (DirectionMethod m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown direction method '" + id
                + "', expected mass-mean, logistic, pca or pca-uncentred");
    }
}
