package org.rramlab.prune;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.nn.LayerWeights;
import org.rramlab.nn.Param;
import org.rramlab.nn.TrainableWeights;

/**
 * Edge-popup on fixed weights: one learned score per edge, the layer keeps the top {@code keepFraction} of |score|,
 * and the effective weight is {@code mask ? whenKept : whenPruned} from an {@link EdgeWeights} (software or a formed
 * array). The score gradient is the straight-through estimate through the mask, including sign(score) because
 * ranking uses |score|: dL/ds = dL/dW_eff ⊙ (whenKept − whenPruned) ⊙ sign(s). Without the sign training diverges.
 *
 * <p>Training reads the array once (at construction); every evaluation forward of a noisy source reads afresh, so
 * test accuracy includes read noise. The mask is recomputed from the scores on every forward; mask flips pass the
 * {@link FlipLimit} and are counted in the {@link ProgrammingLedger}.
 */
public final class PrunedWeights implements LayerWeights {
    private final String layer;
    private final EdgeWeights source;
    private final int kept;
    private final Param scores;
    private final ProgrammingLedger ledger;

    private final INDArray trainKept, trainPruned, trainDiff;   // the single training read
    private final INDArray evalKept, evalPruned;                 // scratch for fresh evaluation reads
    private final INDArray mask;                                 // 0/1, dtype of the weights
    private final INDArray effective;
    private INDArray lastDiff;                                   // kept − pruned of the last forward's read
    private final boolean[] maskBits;
    private final float[] reference;                             // score at each bit's last change (flip limit)
    private final float[] scratch;
    private double flipLimit;
    private boolean scoresChanged = true;   // set by backward (an optimiser step follows): the mask must be recomputed
    private boolean maskChanged = true;     // the training effective weights must be recomputed

    /**
     * @param layer  name used in the ledger and in messages
     * @param source the fixed weights
     * @param keepFraction fraction of edges kept, in (0, 1]
     * @param ledger where flips are counted (shared by the model's layers)
     * @param seed   score initialisation seed (Kaiming-uniform, a = √5, as PyTorch's default layer init)
     */
    public PrunedWeights(String layer, EdgeWeights source, double keepFraction, ProgrammingLedger ledger, long seed) {
        long[] shape = source.shape();
        long n = 1;
        for (long d : shape) n *= d;
        this.layer = layer;
        this.source = source;
        this.kept = TopK.keptCount(n, keepFraction);
        this.ledger = ledger;
        this.scores = new Param(layer + ".scores", Param.Kind.SCORE, TrainableWeights.kaimingUniform(shape, seed));
        var type = Nd4j.defaultFloatingPointType();
        this.trainKept = Nd4j.create(type, shape);
        this.trainPruned = Nd4j.create(type, shape);
        source.read(trainKept, trainPruned);
        this.trainDiff = trainKept.sub(trainPruned);
        this.evalKept = Nd4j.create(type, shape);
        this.evalPruned = Nd4j.create(type, shape);
        this.mask = Nd4j.create(type, shape);
        this.effective = Nd4j.create(type, shape);
        int size = Math.toIntExact(n);
        this.maskBits = new boolean[size];
        this.scratch = new float[size];
        this.reference = scores.value().data().asFloat();
        // initial prune from an all-kept array: exact top-k, not counted as programming
        float[] s = reference.clone();
        float threshold = threshold(s);
        for (int i = 0; i < size; i++) maskBits[i] = Math.abs(s[i]) >= threshold;
        writeMask();
        ledger.register(layer, n);
    }

    private float threshold(float[] s) {
        for (int i = 0; i < s.length; i++) scratch[i] = Math.abs(s[i]);
        return TopK.kthLargestNonNegative(scratch, kept);
    }

    private void writeMask() {
        if (mask.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            float[] m = new float[maskBits.length];
            for (int i = 0; i < m.length; i++) m[i] = maskBits[i] ? 1f : 0f;
            ((org.bytedeco.javacpp.FloatPointer) mask.data().pointer()).position(0).put(m, 0, m.length);   // bulk copy
        } else {
            double[] m = new double[maskBits.length];
            for (int i = 0; i < m.length; i++) m[i] = maskBits[i] ? 1 : 0;
            mask.assign(Nd4j.createFromArray(m).reshape('c', mask.shape()));
        }
        maskChanged = true;
    }

    /**
     * Recomputes the mask from the current scores: the top-k of |score|, except that a bit whose score has not moved
     * by the flip limit keeps its state. Returns the number of flips.
     */
    public long updateMask() {
        float[] s = scores.value().data().asFloat();
        float threshold = threshold(s);
        long sets = 0, resets = 0;
        for (int i = 0; i < s.length; i++) {
            boolean want = Math.abs(s[i]) >= threshold;
            if (want == maskBits[i]) continue;
            if (flipLimit > 0 && Math.abs(s[i] - reference[i]) < flipLimit * Math.abs(reference[i])) continue;
            maskBits[i] = want;
            reference[i] = s[i];
            if (want) sets++; else resets++;
        }
        if (sets + resets > 0) {
            writeMask();
            ledger.record(layer, sets, resets);
        }
        return sets + resets;
    }

    @Override public long[] shape() { return source.shape(); }

    @Override public INDArray weights(boolean training) {
        if (scoresChanged) {
            updateMask();
            scoresChanged = false;
        }
        if (training || !source.isNoisy()) {
            if (maskChanged || lastDiff != trainDiff) {
                effective.assign(trainDiff).muli(mask).addi(trainPruned);
                maskChanged = false;
            }
            lastDiff = trainDiff;
            return effective;
        }
        maskChanged = true;   // effective now holds a noisy read
        source.read(evalKept, evalPruned);
        evalKept.subi(evalPruned);
        lastDiff = evalKept;
        return effective.assign(evalKept).muli(mask).addi(evalPruned);
    }

    @Override public void backward(INDArray gradWeights) {
        scoresChanged = true;
        INDArray g = scores.grad();
        g.assign(gradWeights).muli(lastDiff).muli(Transforms.sign(scores.value(), true));
    }

    @Override public List<Param> params() { return List.of(scores); }

    public Param scores() { return scores; }
    public ProgrammingLedger ledger() { return ledger; }
    public String layer() { return layer; }
    public EdgeWeights source() { return source; }
    /** The current mask, 0/1 (a live view: do not modify). */
    public INDArray mask() { return mask; }
    public int keptCount() { return kept; }
    public long edgeCount() { return maskBits.length; }
    public void setFlipLimit(double limit) {
        if (!(limit >= 0)) throw new IllegalArgumentException("flip limit: expected >= 0, got " + limit);
        this.flipLimit = limit;
    }
    public double flipLimit() { return flipLimit; }

    /** Mask bits and flip-limit references, for checkpoints. */
    public boolean[] maskBits() { return maskBits.clone(); }
    public float[] references() { return reference.clone(); }

    /** Restores the state saved by {@link #maskBits()} and {@link #references()}. */
    public void restore(boolean[] bits, float[] refs) {
        if (bits.length != maskBits.length || refs.length != reference.length) {
            throw new IllegalArgumentException(layer + ": checkpoint has " + bits.length + " mask bits, layer has " + maskBits.length);
        }
        System.arraycopy(bits, 0, maskBits, 0, bits.length);
        System.arraycopy(refs, 0, reference, 0, refs.length);
        writeMask();
        scoresChanged = false;   // the saved mask belongs to the saved scores; recomputing now could flip bits early
    }

    @Override public String toString() {
        return layer + " pruned " + Arrays.toString(source.shape()) + " keep " + kept + "/" + maskBits.length;
    }
}
