/**
 * The one conductance store and what an array does. {@link org.rramlab.crossbar.Crossbar}: an array of differential
 * pairs, every cell with its state and conductances, forming, SET, RESET and write-verify counted.
 * {@link org.rramlab.crossbar.Macro}: the arrays a network runs on and where each layer's blocks sit (report,
 * floorplan). {@link org.rramlab.crossbar.AnalogTile}: one layer's matrix on its blocks, its frozen training read and
 * fresh evaluation reads. {@link org.rramlab.crossbar.MvmChain} and {@link org.rramlab.crossbar.MvmConfig}: the multiply
 * of a layer, DAC, read (read noise, IR drop, drift), ADC per block. {@link org.rramlab.crossbar.DifferentialPair}: the
 * weight-conductance mapping, written once.
 *
 * <p>May import device, simd and util.
 */
package org.rramlab.crossbar;
