/**
 * Network layers with explicit backward passes. The masked layers (dense, convolution as the product of its im2col
 * columns, computed in oneDNN, as shifted products or through im2col, the recurrent layer's input and hidden products) take their weights from a
 * {@link org.rramlab.layers.LayerWeights} and their products from a {@link org.rramlab.crossbar.MvmChain}: on the
 * weights' analogue tile when they have one, digitally otherwise. Also batch norm, pooling (global average pooling
 * too), residual units ({@link org.rramlab.layers.Residual}), upsampling, quantisers,
 * the losses, and {@link org.rramlab.layers.Layers} (a model's chains and tiles, to reconfigure or age them).
 *
 * <p>May import crossbar (and what it imports).
 */
package org.rramlab.layers;
