package org.rramlab.crossbar;

/**
 * What an array or a tile has done: forming, SET, RESET and write-verify pulses, array reads, and the input vectors
 * multiplied in training and in evaluation. One per {@link Crossbar} (every operation on its cells) and one per
 * {@link AnalogTile} (the operations of that layer): the programming cost and the energy of a run are read off here.
 *
 * <p>RESET pulses are split: {@link #preparationResets()} are those that set an array up before training (the low cell
 * of every pair, the initial prune from an all-kept array), {@link #resets()} counts all of them, so
 * {@code resets() - preparationResets()} are the RESETs of mask flips during training, the ones the paper counts.
 */
public final class Counters {
    long formed;
    long sets;
    long resets;
    long preparationResets;
    long verifyPulses;
    long reads;
    long trainingVectors;
    long trainingSamples;
    long evaluationVectors;
    long evaluationSamples;
    long multiplies;

    /** Forming pulses (one per cell formed, whether it formed or not). */
    public long formed() { return formed; }

    /** Binary SET pulses. */
    public long sets() { return sets; }

    /** Binary RESET pulses, preparation included. */
    public long resets() { return resets; }

    /** RESET pulses that prepared the array (low cells, the initial prune): not programming operations of training. */
    public long preparationResets() { return preparationResets; }

    /** Pulses spent by write-verify programming. */
    public long verifyPulses() { return verifyPulses; }

    /** Reads of the weights (a frozen training read or a fresh evaluation read: every cell once). */
    public long reads() { return reads; }

    /** Input vectors multiplied in training (one per image for a dense layer, one per output pixel for a conv). */
    public long trainingVectors() { return trainingVectors; }

    /** Examples those training vectors came from. */
    public long trainingSamples() { return trainingSamples; }

    /** Input vectors multiplied in evaluation (testing, inference). */
    public long evaluationVectors() { return evaluationVectors; }

    /** Examples those evaluation vectors came from: {@code evaluationVectors / evaluationSamples} MVMs per inference. */
    public long evaluationSamples() { return evaluationSamples; }

    /** Calls of the analogue multiply (each a batch of input vectors through every block of the tile). */
    public long multiplies() { return multiplies; }

    /** All programming pulses: SET + RESET + write-verify (forming not included). */
    public long pulses() { return sets + resets + verifyPulses; }

    /** MVMs per inference: evaluation vectors per evaluated example (NaN before any evaluation). */
    public double vectorsPerInference() {
        return evaluationSamples == 0 ? Double.NaN : evaluationVectors / (double) evaluationSamples;
    }

    /** A copy (a snapshot that later operations do not change). */
    public Counters copy() {
        Counters c = new Counters();
        c.add(this);
        return c;
    }

    /** Adds every count of {@code other} to this one. */
    public void add(Counters other) {
        formed += other.formed;
        sets += other.sets;
        resets += other.resets;
        preparationResets += other.preparationResets;
        verifyPulses += other.verifyPulses;
        reads += other.reads;
        trainingVectors += other.trainingVectors;
        trainingSamples += other.trainingSamples;
        evaluationVectors += other.evaluationVectors;
        evaluationSamples += other.evaluationSamples;
        multiplies += other.multiplies;
    }

    /** The counts as one array (checkpoints), in a fixed order; {@link #restore} reads it back. */
    public long[] toArray() {
        return new long[] {formed, sets, resets, preparationResets, verifyPulses, reads, trainingVectors, trainingSamples,
                evaluationVectors, evaluationSamples, multiplies};
    }

    /** Puts back the counts of {@link #toArray()}. */
    public void restore(long[] v) {
        if (v == null || v.length != 11) {
            throw new IllegalArgumentException("counters: expected 11 counts, got " + (v == null ? "null" : v.length));
        }
        formed = v[0]; sets = v[1]; resets = v[2]; preparationResets = v[3]; verifyPulses = v[4]; reads = v[5];
        trainingVectors = v[6]; trainingSamples = v[7]; evaluationVectors = v[8]; evaluationSamples = v[9]; multiplies = v[10];
    }

    @Override
    public String toString() {
        return "Counters[formed=" + formed + ", sets=" + sets + ", resets=" + resets + " (preparation " + preparationResets
                + "), verifyPulses=" + verifyPulses + ", reads=" + reads + ", training vectors=" + trainingVectors
                + ", evaluation vectors=" + evaluationVectors + "]";
    }
}
