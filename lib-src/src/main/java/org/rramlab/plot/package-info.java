/**
 * Generic figures in one house style: {@link org.rramlab.plot.Charts} (XChart line, scatter, histogram, bar and heat-map
 * charts rendered to PNG, {@link org.rramlab.plot.Charts#finish} the style every shown chart gets, log axes labelled
 * {@code 0.001 … 10,000,000} by {@link org.rramlab.plot.Charts#logAxisPattern}),
 * {@link org.rramlab.plot.Images} (image grids, grey maps, mask overlays, tornado and paired-bar figures),
 * {@link org.rramlab.plot.HeatMaps} (heat maps with axes in their units and a colour bar with its unit: spectrograms),
 * {@link org.rramlab.plot.Numbers} (one formatter for numbers people read: 4 significant figures, % for fractions,
 * separators for counts, µS) and {@link org.rramlab.plot.Colormap}. Domain figures live with their domain (device, crossbar, energy, experiment) and
 * build on these.
 *
 * <p>Imports no other rramlab package.
 */
package org.rramlab.plot;
