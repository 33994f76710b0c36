/**
 * Sweeps: one experiment spec varied along axes of any of its fields (by JSON path) times seeds, run as independent
 * cells. {@link org.rramlab.sweep.SweepSpec} (JSON and a builder) derives the {@link org.rramlab.sweep.Cell}s with stable
 * ids; {@link org.rramlab.sweep.SweepFolder} keeps a sweep's results (one folder per cell, results appended atomically as
 * CSV and JSON lines, resume by cell id); {@link org.rramlab.sweep.LocalSweep} runs the cells on a pool of workers in
 * this JVM, {@link org.rramlab.sweep.CellRun} is the one routine every runner (the Spark one in the sweep-spark module
 * too) calls per cell; {@link org.rramlab.sweep.Sweep} is {@code ./lab sweep}; {@link org.rramlab.sweep.SweepTables}
 * summarises over seeds (mean, sd) and plots with error bars.
 *
 * <p>May import experiment and every package below it. Not report, notebook or bench.
 */
package org.rramlab.sweep;
