/**
 * What notebooks use to show things, so that their cells stay short: {@link org.rramlab.notebook.Show} (display
 * now, in the rramlab kernel or IJava, text without a kernel), {@link org.rramlab.plot.Charts} (XChart in one
 * house style), {@link org.rramlab.notebook.Tables} (Tablesaw), {@link org.rramlab.plot.Images} (image grids,
 * heat maps, mask overlays), {@link org.rramlab.notebook.ProgressBar} (a {@link org.rramlab.train.Progress}
 * drawn in place), and the run {@link org.rramlab.experiment.Profile}.
 */
package org.rramlab.notebook;
