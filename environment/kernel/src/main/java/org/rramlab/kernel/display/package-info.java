/** How values become Jupyter display data: images and XChart charts as PNG, Tablesaw tables as HTML. */
package org.rramlab.kernel.display;
