/**
 * What a resistive-memory cell is, in microsiemens: {@link org.rramlab.device.DeviceModel} and its parts (forming and
 * its pulse law, SET/RESET switching and what reinstating an edge gives back, read noise, write-verify and write noise,
 * drift, the read and programming pulses), conductance distributions (a model or measured values, a
 * {@link org.rramlab.device.ConductanceTable}), and the seeded noise samplers reads draw from. Presets carry their
 * sources.
 *
 * <p>May import util and simd.
 */
package org.rramlab.device;
