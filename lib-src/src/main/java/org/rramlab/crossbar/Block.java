package org.rramlab.crossbar;

/**
 * One rectangle of a layer on one array: weights {@code W[outOffset .. outOffset+cols)[inOffset .. inOffset+rows)}
 * sit, transposed (inputs on rows, outputs on columns), on pairs {@code [rowOffset .. rowOffset+rows) x
 * [colOffset .. colOffset+cols)} of array {@code array} of the macro. Each block has its own ADCs, so with the ADC on
 * a layer's partial sums are converted block by block and added digitally.
 */
public record Block(int array, int rowOffset, int colOffset, int rows, int cols, int inOffset, int outOffset) {

    /** Differential pairs (weights) this block holds. */
    public long pairs() {
        return (long) rows * cols;
    }
}
