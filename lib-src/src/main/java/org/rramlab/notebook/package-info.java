/**
 * What notebooks use to show things, so that their cells stay short: {@link org.rramlab.notebook.Show} (display
 * now, in the rramlab kernel or IJava, text without a kernel), {@link org.rramlab.notebook.Charts} (XChart in one
 * house style), {@link org.rramlab.notebook.Tables} (Tablesaw), {@link org.rramlab.notebook.Images} (image grids,
 * heat maps, mask overlays), {@link org.rramlab.notebook.ProgressBar} (a {@link org.rramlab.notebook.Progress}
 * drawn in place), and the run {@link org.rramlab.notebook.Profile}.
 */
package org.rramlab.notebook;
