/**
 * What the paper claims ({@link org.rramlab.report.PaperClaims}, the one catalogue of its figures), the results notebooks
 * record against each claim ({@link org.rramlab.report.Results}), and the reproduction summary.
 *
 * <p>May import experiment and util (and what they import).
 */
package org.rramlab.report;
