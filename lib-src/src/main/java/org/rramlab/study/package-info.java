/**
 * Studies that are not a training run: the device studies of notebook 01 (forming pulses, programming cost, drift,
 * repeated reads), the multiply error against converter bits and read noise (notebook 02), and what the analogue chain
 * does to trained networks ({@link org.rramlab.study.ChainStudy}: ADC resolution, IR drop), the co-design across
 * memory technologies and time ({@link org.rramlab.study.TechnologyStudy}: pruned vs programmed, drift, compensation,
 * programming and inference cost; notebook 08), and ResNet-50 on the paper's arrays without training
 * ({@link org.rramlab.study.ResNetScaling}: placement, energy, programming cost; notebook 09).
 *
 * <p>May import energy, train, network, layers, crossbar, device and plot (and what they import).
 */
package org.rramlab.study;
