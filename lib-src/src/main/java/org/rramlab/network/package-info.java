/**
 * The paper's networks, built on any {@link org.rramlab.network.WeightsProvider} (pruned software or device weights,
 * trained weights, or trained weights programmed onto a macro) with a multiply chain per layer: the Fashion-MNIST CNN
 * and the MLP ({@link org.rramlab.network.Models}), the spoken-digit CRNN, the DRIVE U-Net, and the residual networks
 * ResNet-20, -18 and -50 ({@link org.rramlab.network.ResNet}).
 *
 * <p>May import prune, layers, crossbar and device (and what they import).
 */
package org.rramlab.network;
