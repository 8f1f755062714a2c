package dev.cape.analysis.ode;

/**
 * A family left out of a fit or a table.
 *
 * @param family        family name
 * @param distinctSizes distinct sizes it has after scoring
 * @param reason        why it was left out
 */
public record SkippedFamily(String family, int distinctSizes, String reason) {
}
