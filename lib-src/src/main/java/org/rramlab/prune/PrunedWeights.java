package org.rramlab.prune;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.layers.Buffers;
import org.rramlab.layers.LayerWeights;
import org.rramlab.layers.Param;
import org.rramlab.layers.TrainableWeights;
import org.rramlab.simd.Parallel;
import org.rramlab.simd.Simd;

/**
 * Edge-popup on fixed weights: one learned score per edge, the layer keeps the top {@code keepFraction} of |score|,
 * and the effective weight is {@code mask ? whenKept : whenPruned} from an {@link EdgeWeights} (software or a formed
 * array). The score gradient is the straight-through estimate through the mask, including sign(score) because
 * ranking uses |score|: dL/ds = dL/dW_eff ⊙ (whenKept − whenPruned) ⊙ sign(s). Without the sign training diverges.
 *
 * <p>Training multiplies with the source's training read (one read of the formed array for the whole run, or a new
 * one per step when the tile is configured so); every evaluation forward of a source on cells reads them afresh, so
 * test accuracy includes read noise and whatever the layer's chain does. The mask is recomputed from the scores on
 * every forward; mask flips pass the {@link FlipLimit}, are counted in the {@link ProgrammingLedger}, and on a tile are
 * SET and RESET pulses on the edges' formed cells (the tile's counters count them too). The initial prune from an
 * all-kept array is done on the cells as preparation, not counted as flips.
 */
public final class PrunedWeights implements LayerWeights {
    private final String layer;
    private final EdgeWeights source;
    private final int kept;
    private final Param scores;
    private final ProgrammingLedger ledger;
    /** Below this many edges the per-step mask work runs on one thread (a hand-off costs tens of microseconds). */
    private static final int SPLIT = 1 << 16;

    private INDArray trainKept, trainPruned, trainDiff;          // the training read (ND4J path)
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
    private final float[] keptF, prunedF;   // the training read, one value per edge
    private final float[] scoreF, effF, signedDiffF, maskF;
    private final int[] flipped;            // edges flipped by the last mask update
    private final int[] resigned;           // edges whose score changed sign class (−, 0, +) in the last mask update
    private final float[] signs;            // sign of each score (−1, 0, +1) when signedDiffF was last written
    private final FloatBuffer effectiveView, signedDiffView;   // the INDArrays' native memory, for writes of single edges
    private float lastThreshold = Float.NaN;   // the last update's top-k threshold: where to look first for the next
    /** The relative band around the last threshold searched first (a step moved the MLP's by well under a per cent). */
    private static final float THRESHOLD_BAND = 1f / 64;
    private long trainingReads;             // index of the present training read (0: the one read of the run)
    private long readVersion = -1;          // the source's read settings the training read was taken with (-1: none yet)

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
        int size = Math.toIntExact(n);
        this.keptF = new float[size];
        this.prunedF = new float[size];
        this.mask = Nd4j.create(type, shape);
        this.effective = Nd4j.create(type, shape);
        this.signedDiff = Nd4j.create(type, shape);
        this.maskBits = new boolean[size];
        this.reference = scores.value().data().asFloat();
        this.fast = type == DataType.FLOAT && scores.value().dataType() == DataType.FLOAT;
        this.scoreF = new float[size];
        this.effF = fast ? new float[size] : null;
        this.signedDiffF = fast ? new float[size] : null;
        this.maskF = fast ? new float[size] : null;
        this.flipped = new int[size];
        this.resigned = fast ? new int[size] : null;
        this.signs = fast ? new float[size] : null;
        this.effectiveView = fast ? Buffers.floatView(effective) : null;
        this.signedDiffView = fast ? Buffers.floatView(signedDiff) : null;
        // initial prune from an all-kept array: exact top-k, done on the cells as preparation, not counted as programming
        float threshold = TopK.kthLargestAbs(reference, kept);
        for (int i = 0; i < size; i++) {
            maskBits[i] = Math.abs(reference[i]) >= threshold;
            if (fast) maskF[i] = maskBits[i] ? 1f : 0f;
        }
        source.prepare(maskBits);
        ledger.register(layer, n);
    }

    /** The ND4J path's copies of the training read (double precision: gradient checks). */
    private void rebuildTrainingArrays() {
        var type = Nd4j.defaultFloatingPointType();
        long[] shape = source.shape();
        trainKept = Nd4j.createFromArray(keptF).castTo(type).reshape('c', shape);
        trainPruned = Nd4j.createFromArray(prunedF).castTo(type).reshape('c', shape);
        trainDiff = trainKept.sub(trainPruned);
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
        ensureTrainingRead();
        float[] s = readScores();
        float threshold = TopK.kthLargestAbsNear(s, kept, lastThreshold, THRESHOLD_BAND);
        lastThreshold = threshold;
        // |s| >= threshold compared on the float bits (non-negative floats order like their bits): computing the
        // boolean with a float compare compiles to a branch that half the edges mispredict (~10× slower measured)
        int thresholdBits = Float.floatToRawIntBits(threshold);
        // over the cores in fixed shares: each writes its flips into its own part of flipped[], compacted after in
        // index order, so the ledger and the cells see the same flips in the same order on any number of threads
        int n = s.length, shares = Math.max(1, Math.min(Parallel.threads(), n / SPLIT));
        // when effF and signedDiffF are current, only the edges that flip or whose score changes sign need rewriting:
        // a few per cent of the edges per step, where the whole rewrite read and wrote ~25 MB per MLP step
        boolean incremental = fast && !trainingStale;
        long[] counts = new long[3 * shares];   // sets, resets, sign changes per share
        Parallel.forEachTask(shares, t -> {
            int from = TopK.from(n, shares, t), end = TopK.from(n, shares, t + 1), at = from, signAt = from;
            long sets = 0, resets = 0;
            for (int i = from; ; i++) {
                // float32: straight to the next edge whose mask or score sign changes (a few hundred per step)
                if (fast) i = Simd.nextMaskChange(s, maskF, signs, threshold, i, end);
                if (i >= end) break;
                float si = s[i];
                int bits = Float.floatToRawIntBits(si);
                if (incremental) {
                    float sign = Simd.signOf(si);
                    if (sign != signs[i]) {
                        signs[i] = sign;
                        resigned[signAt++] = i;
                    }
                }
                int wantBit = ~((bits & 0x7fffffff) - thresholdBits) >>> 31;
                if (wantBit == (maskBits[i] ? 1 : 0)) continue;
                boolean want = wantBit == 1;
                if (flipLimit > 0 && Math.abs(si - reference[i]) < flipLimit * Math.abs(reference[i])) continue;
                maskBits[i] = want;
                reference[i] = si;
                flipped[at++] = i;
                if (want) sets++; else resets++;
                if (fast) maskF[i] = want ? 1f : 0f;
            }
            counts[3 * t] = sets;
            counts[3 * t + 1] = resets;
            counts[3 * t + 2] = signAt - from;
        });
        long sets = 0, resets = 0;
        int count = 0, signChanges = 0;
        for (int t = 0; t < shares; t++) {
            int share = (int) (counts[3 * t] + counts[3 * t + 1]), from = TopK.from(n, shares, t);
            System.arraycopy(flipped, from, flipped, count, share);   // never overlaps ahead: count <= from
            count += share;
            sets += counts[3 * t];
            resets += counts[3 * t + 1];
            if (incremental) {
                System.arraycopy(resigned, from, resigned, signChanges, (int) counts[3 * t + 2]);
                signChanges += (int) counts[3 * t + 2];
            }
        }
        if (count > 0) {
            maskArrayStale = true;
            ledger.record(layer, sets, resets);
            source.flip(flipped, count, maskBits);   // the SET and RESET pulses on the cells
            if (source.flipsChangeValues()) {
                source.trainingRead(trainingReads, flipped, count, keptF, prunedF);
                if (!fast) rebuildTrainingArrays();
            }
        }
        if (incremental) {
            rewriteEdges(s, flipped, count);
            rewriteEdges(s, resigned, signChanges);
        } else if (fast) {
            writeTrainingRead(s);
        }
        trainingStale = !fast;   // the ND4J path recomputes in refreshTraining (sign(score) may change without flips)
        return sets + resets;
    }

    /**
     * Rewrites effF and signedDiffF of the listed edges, as {@link #writeTrainingRead} computes them, and, when the
     * INDArrays hold the training read, the same edges there (else {@link #refreshTraining} copies them whole later).
     */
    private void rewriteEdges(float[] s, int[] edges, int count) {
        boolean nativeCurrent = lastReadTraining;
        for (int j = 0; j < count; j++) {
            int i = edges[j];
            float eff = effectiveOf(i), sd = signedDiffOf(i, Float.floatToRawIntBits(s[i]));
            effF[i] = eff;
            signedDiffF[i] = sd;
            if (nativeCurrent) {
                effectiveView.put(i, eff);
                signedDiffView.put(i, sd);
            }
        }
    }

    /**
     * effective = pruned + mask·(kept − pruned) (as the ND4J path computes it) and signedDiff = (kept − pruned)·sign(score)
     * of the training read, then both copied to their INDArrays. Branch-free: mask bits and score signs are random,
     * and {@code ?:} on them measured ~6× slower on 670k edges (mispredictions).
     */
    private void writeTrainingRead(float[] s) {
        Parallel.forRange(s.length, SPLIT, (from, to) -> {
            for (int i = from; i < to; i++) {
                int scoreBits = Float.floatToRawIntBits(s[i]);
                effF[i] = effectiveOf(i);
                signedDiffF[i] = signedDiffOf(i, scoreBits);
                signs[i] = Simd.signOf(s[i]);
            }
        });
        put(effective, effF);
        put(signedDiff, signedDiffF);
    }

    /** pruned + mask·(kept − pruned) of edge i; kept − pruned rounds as trainDiff does. */
    private float effectiveOf(int i) {
        float p = prunedF[i];
        return p + maskF[i] * (keptF[i] - p);
    }

    /** (kept − pruned)·sign(score) of edge i, with sign(±0) = 0 as torch.sign; a sign-bit flip, no branch on the sign. */
    private float signedDiffOf(int i, int scoreBits) {
        float flipped = Float.intBitsToFloat(Float.floatToRawIntBits(keptF[i] - prunedF[i]) ^ (scoreBits & 0x80000000));
        return (scoreBits & 0x7fffffff) == 0 ? 0f : flipped;
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

    /**
     * Takes the training read when there is none yet, or when the source's read settings changed (a tile's chain was
     * reconfigured): the read is a function of the cells, the chain's settings and the read's index.
     */
    private void ensureTrainingRead() {
        if (readVersion == source.readVersion()) return;
        source.trainingRead(trainingReads, keptF, prunedF);
        source.countTrainingRead();
        readVersion = source.readVersion();
        if (!fast) rebuildTrainingArrays();
        trainingStale = true;
    }

    @Override public INDArray weights(boolean training) {
        ensureTrainingRead();
        if (scoresChanged) {
            if (training && source.freshTrainingReads()) {   // a new read of the array for this step
                source.trainingRead(++trainingReads, keptF, prunedF);
                source.countTrainingRead();
                if (!fast) rebuildTrainingArrays();
                trainingStale = true;
            }
            updateMask();
            scoresChanged = false;
        }
        if (training || (!source.isNoisy() && !source.onCells())) {
            if (trainingStale || !lastReadTraining) {
                refreshTraining();
                trainingStale = false;
            }
            lastReadTraining = true;
            return effective;
        }
        lastReadTraining = false;   // effective now holds an evaluation read of the cells
        source.evaluationRead(effective, maskBits);
        return effective;
    }

    @Override public void backward(INDArray gradWeights) {
        scoresChanged = true;
        scoreCopyCurrent = false;
        INDArray g = scores.grad();
        ensureTrainingRead();
        if (!lastReadTraining) refreshTraining();   // after an evaluation read (not done in training): the training read's estimate
        gradWeights.mul(signedDiff, g);
    }

    @Override public List<Param> params() { return List.of(scores); }

    public Param scores() { return scores; }
    public ProgrammingLedger ledger() { return ledger; }
    public String layer() { return layer; }
    public EdgeWeights source() { return source; }
    /** The tile this layer's edges live on, or null for software weights. */
    @Override public org.rramlab.crossbar.AnalogTile tile() { return source.tile(); }
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

    /** What the source must save beside the mask (its read-noise state, counters) and the training read's index. */
    public long[] sourceState() {
        long[] s = source.saveState();
        long[] all = new long[s.length + 1];
        all[0] = trainingReads;
        System.arraycopy(s, 0, all, 1, s.length);
        return all;
    }

    /** The source's cells (states, conductances) for checkpoints; empty for software weights. */
    public byte[] sourceCells() { return source.saveCells(); }

    /** Restores the mask and flip-limit references of {@link #maskBits()} and {@link #references()}. */
    public void restore(boolean[] bits, float[] refs) {
        restore(bits, refs, new long[0], new byte[0]);
    }

    /** Restores the state saved by {@link #maskBits()}, {@link #references()}, {@link #sourceState()} and {@link #sourceCells()}. */
    public void restore(boolean[] bits, float[] refs, long[] state, byte[] cells) {
        if (bits.length != maskBits.length || refs.length != reference.length) {
            throw new IllegalArgumentException(layer + ": checkpoint has " + bits.length + " mask bits, layer has " + maskBits.length);
        }
        System.arraycopy(bits, 0, maskBits, 0, bits.length);
        System.arraycopy(refs, 0, reference, 0, refs.length);
        if (state.length > 0) {
            trainingReads = state[0];
            source.restore(java.util.Arrays.copyOfRange(state, 1, state.length), cells);
        } else if (source.onCells()) {
            throw new IllegalArgumentException(layer + ": the checkpoint holds no cells for a layer on a tile; it was written by an "
                    + "older version: delete it to start afresh");
        }
        source.trainingRead(trainingReads, keptF, prunedF);   // the cells may have been redrawn since the first read
        readVersion = source.readVersion();
        if (!fast) rebuildTrainingArrays();
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
