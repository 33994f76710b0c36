/**
 * Energy, latency and programming cost with named, sourced parameters: the analogue macro (its cell side taken from the
 * device model itself), the digital processors it is compared with, the paper's workloads, and the energy of a run
 * read off its own tiles and counters ({@link org.rramlab.energy.RunEnergy}).
 *
 * <p>May import layers, crossbar and device (and what they import).
 */
package org.rramlab.energy;
