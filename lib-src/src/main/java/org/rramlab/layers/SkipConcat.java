package org.rramlab.layers;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One level of a U-Net: {@code skip = encoder(x)}, {@code deep = inner(skip)},
 * {@code out = decoder(concat(skip, deep))} along channels (skip first, as milesial's U-Net's
 * {@code torch.cat([x2, x1], dim=1)}). Nesting levels as each other's {@code inner} gives the whole U shape;
 * the encoder's output is the skip connection.
 *
 * <p>Backward splits the decoder's input gradient by channels: the skip part and the part coming back up through
 * {@code inner} add up at the encoder's output.
 */
public final class SkipConcat implements Layer {
    private final Layer encoder, inner, decoder;
    private long skipChannels;
    private INDArray[] kept;   // the last training forward's skip, inner output and concatenation (freed by backward)
    private INDArray input;

    public SkipConcat(Layer encoder, Layer inner, Layer decoder) {
        if (encoder == null || inner == null || decoder == null) {
            throw new IllegalArgumentException("SkipConcat: encoder, inner and decoder must not be null, got "
                    + encoder + ", " + inner + ", " + decoder);
        }
        this.encoder = encoder;
        this.inner = inner;
        this.decoder = decoder;
    }

    /** Channel-wise concatenation of [n, ca, h, w] and [n, cb, h, w]. */
    public static INDArray concat(INDArray a, INDArray b) {
        if (a.rank() != 4 || b.rank() != 4 || a.size(0) != b.size(0) || a.size(2) != b.size(2) || a.size(3) != b.size(3)) {
            throw new IllegalArgumentException("concat: expected [n, c, h, w] with equal n, h, w, got "
                    + java.util.Arrays.toString(a.shape()) + " and " + java.util.Arrays.toString(b.shape()));
        }
        return Nd4j.concat(1, a, b);
    }

    @Override public INDArray forward(INDArray x, boolean training) {
        INDArray skip = encoder.forward(x, training);
        INDArray deep = inner.forward(skip, training);
        skipChannels = skip.size(1);
        INDArray joined = concat(skip, deep);
        INDArray y = decoder.forward(joined, training);
        if (training) {
            kept = new INDArray[] {skip, deep, joined};
            input = x;
        } else {   // nothing needs them any more: free them now, not at the next collection
            for (INDArray a : new INDArray[] {deep, skip, joined}) if (!Buffers.sameBuffer(a, x) && !Buffers.sameBuffer(a, y)) Buffers.free(a);
        }
        return y;
    }

    @Override public INDArray backward(INDArray gradOut) {
        INDArray g = decoder.backward(gradOut);
        long total = g.size(1);
        INDArray gSkip = g.get(NDArrayIndex.all(), NDArrayIndex.interval(0, skipChannels), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
        INDArray gDeep = g.get(NDArrayIndex.all(), NDArrayIndex.interval(skipChannels, total), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
        // free each gradient as soon as it is consumed (unless a layer passed it through): not at the next collection
        Buffers.freeUnlessShared(g, gradOut);
        INDArray gInner = inner.backward(gDeep);
        gSkip.addi(gInner);
        Buffers.freeUnlessShared(gInner, gSkip);
        Buffers.freeUnlessShared(gDeep, gSkip);
        INDArray gIn = encoder.backward(gSkip);
        Buffers.freeUnlessShared(gSkip, gIn);
        if (kept != null) {
            for (INDArray a : kept) if (!Buffers.sameBuffer(a, gIn) && !Buffers.sameBuffer(a, input) && !Buffers.sameBuffer(a, gradOut)) Buffers.free(a);
            kept = null;
        }
        return gIn;
    }

    @Override public List<Param> params() {
        java.util.ArrayList<Param> all = new java.util.ArrayList<>(encoder.params());
        all.addAll(inner.params());
        all.addAll(decoder.params());
        return java.util.Collections.unmodifiableList(all);
    }

    @Override public List<Layer> children() { return List.of(encoder, inner, decoder); }

    @Override public String describe() {
        return "[" + encoder.describe() + " | skip+ (" + inner.describe() + ") -> " + decoder.describe() + "]";
    }
}
