/**
 * What notebooks use: {@link org.rramlab.notebook.Lab}, the one entry point (presets, specs as tables, runs, summaries,
 * paper versus ours from the catalogue), {@link org.rramlab.notebook.Show} (display now, in the rramlab kernel or IJava,
 * text without a kernel), {@link org.rramlab.notebook.Tables} (Tablesaw as HTML) and
 * {@link org.rramlab.notebook.ProgressBar} (a {@link org.rramlab.train.Progress} drawn in place).
 *
 * <p>May import every library package but bench.
 */
package org.rramlab.notebook;
