package org.rramlab.crossbar;

/**
 * What an array has done: multiplies, cell reads, forming, SET and RESET pulses and write-verify pulses. One per
 * {@link Crossbar}; the programming cost of a method is read off here.
 */
public final class Counters {
    long mvms;
    long inputVectors;
    long cellReads;
    long formed;
    long sets;
    long resets;
    long verifyPulses;

    /** Multiplies (each one read of the cells involved). */
    public long mvms() { return mvms; }

    /** Input vectors multiplied (a batch of 128 adds 128). */
    public long inputVectors() { return inputVectors; }

    /** Cell reads (two per pair per multiply). */
    public long cellReads() { return cellReads; }

    /** Cells electroformed. */
    public long formed() { return formed; }

    /** Binary SET pulses. */
    public long sets() { return sets; }

    /** Binary RESET pulses. */
    public long resets() { return resets; }

    /** Pulses spent by write-verify programming. */
    public long verifyPulses() { return verifyPulses; }

    /** All programming pulses: SET + RESET + write-verify (forming not included). */
    public long pulses() { return sets + resets + verifyPulses; }

    @Override
    public String toString() {
        return "Counters[mvms=" + mvms + ", inputVectors=" + inputVectors + ", cellReads=" + cellReads + ", formed="
                + formed + ", sets=" + sets + ", resets=" + resets + ", verifyPulses=" + verifyPulses + "]";
    }
}
