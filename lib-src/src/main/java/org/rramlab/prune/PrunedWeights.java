package org.rramlab.prune;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
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
    private final INDArray mask;                                 // 0/1, dtype of the weights; synced lazily
    private final INDArray effective;
    private final INDArray signedDiff;                           // (kept − pruned)·sign(score) of the training read
    private boolean lastReadTraining = true;                     // whether effective holds the training read
    private final boolean[] maskBits;
    private final float[] reference;                             // score at each bit's last change (flip limit)
    private double flipLimit;
    private boolean scoresChanged = true;   // set by backward (an optimiser step follows): the mask must be recomputed
    private boolean trainingStale = true;   // effective / signedDiff of the training read must be recomputed
    private boolean maskArrayStale = true;  // the INDArray mask lags maskBits
    private boolean scoreCopyCurrent;       // scoreF holds the current scores

    /*
     * float32 (the default) runs the per-step work in Java over plain arrays: one bulk read of the scores, the
     * threshold, the flip loop and one pass that writes the effective weights and the score-gradient factor. The
     * same in ND4J ops took ~12 ms per MLP step (784-512-512-10), a third of the step. Other types use ND4J ops.
     */
    private final boolean fast;
    private final float[] keptF, prunedF;   // training read (fast path)
    private final float[] scoreF, effF, signedDiffF, maskF;

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
        this.signedDiff = Nd4j.create(type, shape);
        int size = Math.toIntExact(n);
        this.maskBits = new boolean[size];
        this.reference = scores.value().data().asFloat();
        this.fast = type == DataType.FLOAT && scores.value().dataType() == DataType.FLOAT;
        this.keptF = fast ? trainKept.data().asFloat() : null;
        this.prunedF = fast ? trainPruned.data().asFloat() : null;
        this.scoreF = new float[size];
        this.effF = fast ? new float[size] : null;
        this.signedDiffF = fast ? new float[size] : null;
        this.maskF = fast ? new float[size] : null;
        // initial prune from an all-kept array: exact top-k, not counted as programming
        float threshold = TopK.kthLargestAbs(reference, kept);
        for (int i = 0; i < size; i++) {
            maskBits[i] = Math.abs(reference[i]) >= threshold;
            if (fast) maskF[i] = maskBits[i] ? 1f : 0f;
        }
        ledger.register(layer, n);
    }

    /** The current scores, copied into {@link #scoreF} (a bulk copy for float32). */
    private float[] readScores() {
        INDArray s = scores.value();
        if (fast && s.offset() == 0 && s.ordering() == 'c') {
            ((FloatPointer) s.data().pointer()).position(0).get(scoreF, 0, scoreF.length);
        } else {
            float[] copy = s.dup('c').data().asFloat();
            System.arraycopy(copy, 0, scoreF, 0, copy.length);
        }
        scoreCopyCurrent = true;
        return scoreF;
    }

    private static void put(INDArray target, float[] data) {
        ((FloatPointer) target.data().pointer()).position(0).put(data, 0, data.length);   // bulk copy
    }

    /** Brings the INDArray {@link #mask} up to date with {@link #maskBits}. */
    private void syncMask() {
        if (!maskArrayStale) return;
        if (fast) {
            put(mask, maskF);
        } else {
            double[] m = new double[maskBits.length];
            for (int i = 0; i < m.length; i++) m[i] = maskBits[i] ? 1 : 0;
            mask.assign(Nd4j.createFromArray(m).reshape('c', mask.shape()));
        }
        maskArrayStale = false;
    }

    /**
     * Recomputes the mask from the current scores: the top-k of |score|, except that a bit whose score has not moved
     * by the flip limit keeps its state. Returns the number of flips. For float32 the training read's effective
     * weights and score-gradient factor are rewritten right after, from the scores already read.
     */
    public long updateMask() {
        float[] s = readScores();
        float threshold = TopK.kthLargestAbs(s, kept);
        long sets = 0, resets = 0;
        // |s| >= threshold compared on the float bits (non-negative floats order like their bits): computing the
        // boolean with a float compare compiles to a branch that half the edges mispredict (~10× slower measured)
        int thresholdBits = Float.floatToRawIntBits(threshold);
        for (int i = 0; i < s.length; i++) {
            float si = s[i];
            int wantBit = ~((Float.floatToRawIntBits(si) & 0x7fffffff) - thresholdBits) >>> 31;
            if (wantBit == (maskBits[i] ? 1 : 0)) continue;
            boolean want = wantBit == 1;
            if (flipLimit > 0 && Math.abs(si - reference[i]) < flipLimit * Math.abs(reference[i])) continue;
            maskBits[i] = want;
            reference[i] = si;
            if (want) sets++; else resets++;
            if (fast) maskF[i] = want ? 1f : 0f;
        }
        if (sets + resets > 0) {
            maskArrayStale = true;
            ledger.record(layer, sets, resets);
        }
        if (fast) writeTrainingRead(s);
        trainingStale = !fast;   // the ND4J path recomputes in refreshTraining (sign(score) may change without flips)
        return sets + resets;
    }

    /**
     * effective = pruned + mask·(kept − pruned) (as the ND4J path computes it) and signedDiff = (kept − pruned)·sign(score)
     * of the training read, then both copied to their INDArrays. Branch-free: mask bits and score signs are random,
     * and {@code ?:} on them measured ~6× slower on 670k edges (mispredictions).
     */
    private void writeTrainingRead(float[] s) {
        for (int i = 0; i < s.length; i++) {
            float k = keptF[i], p = prunedF[i], d = k - p;   // k − p rounds as trainDiff does
            effF[i] = p + maskF[i] * d;
            int scoreBits = Float.floatToRawIntBits(s[i]);
            float flipped = Float.intBitsToFloat(Float.floatToRawIntBits(d) ^ (scoreBits & 0x80000000));   // d·sign(score)
            signedDiffF[i] = (scoreBits & 0x7fffffff) == 0 ? 0f : flipped;   // sign(±0) = 0, as torch.sign
        }
        put(effective, effF);
        put(signedDiff, signedDiffF);
    }

    /** Rewrites {@link #effective} and {@link #signedDiff} for the training read (after a restore or an evaluation read). */
    private void refreshTraining() {
        if (fast) {
            if (trainingStale) {
                writeTrainingRead(scoreCopyCurrent ? scoreF : readScores());
            } else {   // effF is current: an evaluation read only overwrote the INDArray
                put(effective, effF);
                put(signedDiff, signedDiffF);
            }
        } else {
            syncMask();
            effective.assign(trainDiff).muli(mask).addi(trainPruned);
            signedDiff.assign(trainDiff).muli(Transforms.sign(scores.value(), true));
        }
    }

    @Override public long[] shape() { return source.shape(); }

    @Override public INDArray weights(boolean training) {
        if (scoresChanged) {
            updateMask();
            scoresChanged = false;
        }
        if (training || !source.isNoisy()) {
            if (trainingStale || !lastReadTraining) {
                refreshTraining();
                trainingStale = false;
            }
            lastReadTraining = true;
            return effective;
        }
        lastReadTraining = false;   // effective now holds a noisy read
        syncMask();
        source.read(evalKept, evalPruned);
        evalKept.subi(evalPruned);
        return effective.assign(evalKept).muli(mask).addi(evalPruned);
    }

    @Override public void backward(INDArray gradWeights) {
        scoresChanged = true;
        scoreCopyCurrent = false;
        INDArray g = scores.grad();
        if (lastReadTraining) {
            gradWeights.mul(signedDiff, g);
        } else {   // after an evaluation read (not done in training): the straight-through estimate of that read
            g.assign(gradWeights).muli(evalKept).muli(Transforms.sign(scores.value(), true));
        }
    }

    @Override public List<Param> params() { return List.of(scores); }

    public Param scores() { return scores; }
    public ProgrammingLedger ledger() { return ledger; }
    public String layer() { return layer; }
    public EdgeWeights source() { return source; }
    /** The current mask, 0/1 (do not modify; brought up to date on each call). */
    public INDArray mask() { syncMask(); return mask; }
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
        if (fast) for (int i = 0; i < bits.length; i++) maskF[i] = bits[i] ? 1f : 0f;
        maskArrayStale = true;
        trainingStale = true;
        scoreCopyCurrent = false;
        scoresChanged = false;   // the saved mask belongs to the saved scores; recomputing now could flip bits early
    }

    @Override public String toString() {
        return layer + " pruned " + Arrays.toString(source.shape()) + " keep " + kept + "/" + maskBits.length;
    }
}
