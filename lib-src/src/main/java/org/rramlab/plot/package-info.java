/**
 * Generic figures in one house style: {@link org.rramlab.plot.Charts} (XChart line, scatter, histogram, bar and heat-map
 * charts rendered to PNG), {@link org.rramlab.plot.Images} (image grids, grey maps, mask overlays) and
 * {@link org.rramlab.plot.Colormap}. Domain figures live with their domain (device, crossbar, energy, experiment) and
 * build on these.
 *
 * <p>Imports no other rramlab package.
 */
package org.rramlab.plot;
