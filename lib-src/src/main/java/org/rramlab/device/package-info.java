/**
 * What a resistive-memory cell is, in microsiemens: {@link org.rramlab.device.DeviceModel} and its parts (forming and
 * its pulse law, SET/RESET switching and what reinstating an edge gives back, read noise, write-verify and write noise,
 * drift, the read and programming pulses), conductance distributions (a model or measured values, a
 * {@link org.rramlab.device.ConductanceTable}), and the seeded noise samplers reads draw from. Presets carry their
 * sources. Memory technologies ({@link org.rramlab.device.Technologies}: TaOx, HfOx, PCM, SONOS) pair a model with the
 * source of every parameter and the residual error of write-verify; {@link org.rramlab.device.DeviceData} turns a
 * measured CSV into one. Drift laws per state are {@link org.rramlab.device.ConductanceCurve}s.
 *
 * <p>May import util and simd.
 */
package org.rramlab.device;
