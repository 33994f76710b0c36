package org.rramlab.energy;

/**
 * What one layer does per inference, seen by the energy model: {@code mvms} matrix-vector multiplies of a
 * {@code rows x cols} weight matrix (fan-in x fan-out) on the analogue array, plus digital element work.
 * A convolution is one MVM per output pixel, with rows = in channels x kernel area; a recurrent layer one MVM per time
 * step and matrix.
 *
 * @param name           e.g. {@code conv1}
 * @param rows           fan-in: inputs of one MVM (array rows used)
 * @param cols           fan-out: outputs of one MVM (differential column pairs used)
 * @param mvms           MVMs per inference
 * @param keepFraction   fraction of edges kept by pruning (the others read two low cells)
 * @param inputBits      bits of each input driven by the DACs
 * @param outputBits     bits of each output activation stored for the next layer
 * @param inputElements  elements of the layer's input feature map (read once from the buffer)
 * @param outputElements elements of the layer's output feature map (written once)
 * @param digital        element-wise digital work after the multiply
 * @param pairConductanceUs mean conductance of a pair's two cells in uS as measured on a run's tiles, or NaN to take it
 *                       from the macro's formed and off conductances and the keep fraction
 */
public record LayerWork(String name, int rows, int cols, long mvms, double keepFraction, int inputBits, int outputBits,
                        long inputElements, long outputElements, DigitalWork digital, double pairConductanceUs) {

    /** A layer whose pairs' conductance follows from the macro's parameters and the keep fraction. */
    public LayerWork(String name, int rows, int cols, long mvms, double keepFraction, int inputBits, int outputBits,
                     long inputElements, long outputElements, DigitalWork digital) {
        this(name, rows, cols, mvms, keepFraction, inputBits, outputBits, inputElements, outputElements, digital, Double.NaN);
    }

    /** Bits of activations stored between layers when nothing else is said. */
    public static final int DEFAULT_OUTPUT_BITS = 8;

    public LayerWork {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("layer name: is '" + name + "', expected a label");
        }
        if (rows < 1 || cols < 1 || mvms < 1) {
            throw new IllegalArgumentException("layer " + name + ": rows " + rows + ", cols " + cols + ", mvms " + mvms
                    + ", expected all >= 1");
        }
        if (!(keepFraction > 0 && keepFraction <= 1)) {
            throw new IllegalArgumentException("layer " + name + ": keepFraction " + keepFraction
                    + ", expected a fraction in (0, 1]");
        }
        if (inputBits < 1 || inputBits > 32 || outputBits < 1 || outputBits > 32) {
            throw new IllegalArgumentException("layer " + name + ": inputBits " + inputBits + ", outputBits "
                    + outputBits + ", expected 1..32");
        }
        if (!Double.isNaN(pairConductanceUs) && !(pairConductanceUs >= 0 && Double.isFinite(pairConductanceUs))) {
            throw new IllegalArgumentException("layer " + name + ": pairConductanceUs " + pairConductanceUs + ", expected NaN or a conductance >= 0 uS");
        }
        if (inputElements < 0 || outputElements < 0 || digital == null) {
            throw new IllegalArgumentException("layer " + name + ": inputElements " + inputElements
                    + ", outputElements " + outputElements + ", digital " + digital
                    + ", expected counts >= 0 and digital work (DigitalWork.NONE for none)");
        }
    }

    /**
     * A 2-D convolution without bias: one MVM per output pixel. {@code inH x inW} is the input feature map,
     * {@code outH x outW} the output (after stride and padding); keep fraction 0.5, 8-bit outputs.
     */
    public static LayerWork conv(String name, int inChannels, int outChannels, int kernelH, int kernelW,
                                 int inH, int inW, int outH, int outW, int inputBits) {
        return new LayerWork(name, inChannels * kernelH * kernelW, outChannels, (long) outH * outW, 0.5, inputBits,
                DEFAULT_OUTPUT_BITS, (long) inChannels * inH * inW, (long) outChannels * outH * outW, DigitalWork.NONE);
    }

    /** A fully connected (or recurrent) matrix used {@code times} times per inference (time steps). */
    public static LayerWork dense(String name, int in, int out, int times, int inputBits) {
        return new LayerWork(name, in, out, times, 0.5, inputBits, DEFAULT_OUTPUT_BITS, (long) in * times,
                (long) out * times, DigitalWork.NONE);
    }

    public LayerWork withDigital(DigitalWork work) {
        return new LayerWork(name, rows, cols, mvms, keepFraction, inputBits, outputBits, inputElements,
                outputElements, work, pairConductanceUs);
    }

    public LayerWork withKeepFraction(double keep) {
        return new LayerWork(name, rows, cols, mvms, keep, inputBits, outputBits, inputElements, outputElements,
                digital, pairConductanceUs);
    }

    /** Weights (edges) of the layer. */
    public long weights() {
        return (long) rows * cols;
    }

    /** Multiply-accumulates per inference. */
    public long macs() {
        return mvms * weights();
    }

    /** Arrays of {@code arraySize x arraySize} cells along the rows (fan-in) the layer needs. */
    public int rowTiles(int arraySize) {
        return ceilDiv(rows, arraySize);
    }

    /** Arrays along the columns: a weight is a differential pair, two columns. */
    public int colTiles(int arraySize) {
        return ceilDiv(2 * cols, arraySize);
    }

    static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }
}
