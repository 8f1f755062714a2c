/**
 * The reproduction report (method §10): every headline number of the study computed on the data at hand beside the
 * paper's value, with our interval and a one-line reason where they differ. The paper's values live in one table,
 * {@link dev.cape.analysis.report.PaperValues}; they are reference values to compare against, never results.
 */
package dev.cape.analysis.report;
