package org.rramlab.device;

import org.rramlab.util.Check;

/**
 * What happens to a programmed cell's conductance with time, for {@code t > t0} after programming (nothing before):
 * <pre>
 *   G(t) = G(t0) * (t / t0)^-nu_i  +  L * (relaxShift(G) + relaxStd(G) * z_i),   L = ln(t / t0),
 *   nu_i = max(0, nu(G) + nuStd(G) * y_i)
 * </pre>
 * with {@code y_i, z_i ~ N(0, 1)} drawn once per cell and programming event (the crossbar keys them), clipped at 0 uS.
 * The power law is the drift of amorphous phase-change material (structural relaxation: aihwkit's PCM model, after
 * Nandakumar et al. 2019); the additive term with a spread growing with ln t is the conductance relaxation of
 * filamentary RRAM and of charge-trap cells (aihwkit's ReRAM fits, CrossSim's SONOS fit). Each coefficient depends on
 * the cell's conductance at t0 ({@link ConductanceCurve}), so a SET, a RESET and an intermediate programmed state drift
 * differently. Read noise grows with time since programming as accumulated 1/f noise does:
 * {@code sigma(t) = sigma(t0) * sqrt(ln((t + tRead) / (2 tRead)) / ln((t0 + tRead) / (2 tRead)))} when
 * {@code readNoiseTReadSeconds > 0} (aihwkit's 1/f form, normalised so that the preset's read noise holds at t0).
 *
 * @param t0Seconds             time after programming at which the stored conductance is defined (> 0)
 * @param nu                    mean drift exponent vs conductance (>= 0; 0 is no power-law drift)
 * @param nuStd                 cell-to-cell spread of the exponent vs conductance (>= 0)
 * @param relaxShiftUs          mean conductance change per e-fold of t / t0, uS (negative: decay)
 * @param relaxStdUs            spread of that change per e-fold, uS (>= 0)
 * @param readNoiseTReadSeconds the 1/f law's read time, seconds (0: read noise does not grow)
 */
public record Drift(double t0Seconds, ConductanceCurve nu, ConductanceCurve nuStd, ConductanceCurve relaxShiftUs,
                    ConductanceCurve relaxStdUs, double readNoiseTReadSeconds) {

    /** No drift, no relaxation, constant read noise. */
    public static final Drift NONE = new Drift(1, ConductanceCurve.ZERO, ConductanceCurve.ZERO, ConductanceCurve.ZERO,
            ConductanceCurve.ZERO, 0);

    public Drift {
        Check.positive("drift.t0Seconds", t0Seconds);
        Check.notNull("drift.nu", nu).requireNonNegative("drift.nu (drift exponent)");
        Check.notNull("drift.nuStd", nuStd).requireNonNegative("drift.nuStd");
        Check.notNull("drift.relaxShiftUs", relaxShiftUs);
        Check.notNull("drift.relaxStdUs", relaxStdUs).requireNonNegative("drift.relaxStdUs");
        Check.nonNegative("drift.readNoiseTReadSeconds", readNoiseTReadSeconds);
        if (readNoiseTReadSeconds > 0 && !(t0Seconds > readNoiseTReadSeconds)) {
            throw new IllegalArgumentException("drift.readNoiseTReadSeconds = " + readNoiseTReadSeconds + " s: expected < drift.t0Seconds = "
                    + t0Seconds + " s (the 1/f law is written for reads long after the read pulse)");
        }
    }

    /** The power law alone: every cell's exponent N(nu, nuStd), clipped at 0. */
    public static Drift powerLaw(double nu, double nuStd, double t0Seconds) {
        if (!(nu >= 0)) throw new IllegalArgumentException("drift.nu = " + nu + ": expected a drift exponent >= 0");
        if (!(nuStd >= 0)) throw new IllegalArgumentException("drift.nuStd = " + nuStd + ": expected >= 0");
        return new Drift(t0Seconds, ConductanceCurve.constant(nu), ConductanceCurve.constant(nuStd), ConductanceCurve.ZERO,
                ConductanceCurve.ZERO, 0);
    }

    /** Relaxation alone: a mean shift and a spread per e-fold of time, uS, the same at every conductance. */
    public static Drift relaxation(double shiftUs, double stdUs, double t0Seconds) {
        return new Drift(t0Seconds, ConductanceCurve.ZERO, ConductanceCurve.ZERO, ConductanceCurve.constant(shiftUs),
                ConductanceCurve.constant(stdUs), 0);
    }

    public Drift withReadNoiseGrowth(double tReadSeconds) {
        return new Drift(t0Seconds, nu, nuStd, relaxShiftUs, relaxStdUs, tReadSeconds);
    }

    /** True when conductances never change and read noise does not grow. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isNone() {
        return nu.isZero() && relaxShiftUs.isZero() && relaxStdUs.isZero() && readNoiseTReadSeconds == 0;
    }

    /** True when every cell drifts by the same factor (a constant exponent, no spread, no relaxation). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isUniform() {
        return nuStd.isZero() && relaxStdUs.isZero() && relaxShiftUs.isZero() && nu.values().length == 1;
    }

    /** The drift exponent of a cell of conductance {@code g0} at t0 whose standard normal draw is {@code y}. */
    public double exponent(double g0, double y) {
        return Math.max(0, nu.at(g0) + nuStd.at(g0) * y);
    }

    /**
     * Conductance {@code seconds} after programming of a cell that read {@code g0} uS at t0, with its two standard normal
     * draws {@code y} (exponent) and {@code z} (relaxation). Exactly {@code g0} up to t0.
     */
    public double conductance(double g0, double seconds, double y, double z) {
        Check.nonNegative("seconds after programming", seconds);
        if (seconds <= t0Seconds) return g0;
        double l = Math.log(seconds / t0Seconds);
        double nuI = exponent(g0, y);
        double g = nuI == 0 ? g0 : g0 * Math.exp(-nuI * l);
        double shift = relaxShiftUs.at(g0), std = relaxStdUs.at(g0);
        if (shift != 0 || std != 0) g += l * (shift + std * z);
        return Math.max(0, g);
    }

    /**
     * The power-law factor {@code (t / t0)^-nu} of a drift exponent that does not depend on conductance (refused
     * otherwise: use {@link #factor(double, double)}).
     */
    public double factor(double seconds) {
        if (nu.values().length != 1) {
            throw new IllegalArgumentException("drift.nu depends on conductance (" + nu + "): give the conductance, factor(g0, seconds)");
        }
        return factor(0, seconds);
    }

    /** The mean power-law factor {@code (t / t0)^-nu(g0)} (no spread, no relaxation): 1 up to t0. */
    public double factor(double g0, double seconds) {
        Check.nonNegative("seconds after programming", seconds);
        double n = nu.at(g0);
        return n == 0 || seconds <= t0Seconds ? 1 : Math.pow(seconds / t0Seconds, -n);
    }

    /** Factor by which read noise has grown {@code seconds} after programming (1 up to t0, or with no 1/f growth). */
    public double readNoiseGrowth(double seconds) {
        Check.nonNegative("seconds after programming", seconds);
        if (readNoiseTReadSeconds == 0 || seconds <= t0Seconds) return 1;
        double tr = readNoiseTReadSeconds;
        return Math.sqrt(Math.log((seconds + tr) / (2 * tr)) / Math.log((t0Seconds + tr) / (2 * tr)));
    }
}
