package org.rramlab.device;

import org.rramlab.util.Check;

/**
 * Electroforming: what a freshly formed array looks like, and how the forming pulse changes it.
 *
 * <p>At the {@code reference} pulse a cell forms with probability {@code formedFraction} and then reads a conductance
 * drawn from {@code formed} (device-to-device spread); a cell that does not form stays {@code pristine} (~10 MOhm,
 * 0.1 uS). A different pulse changes both, through one acceleration factor
 * {@code a = (width / widthRef) * exp((V - Vref) / voltageScaleV)} (the exponential voltage acceleration and linear
 * time dependence of dielectric breakdown, a Weibull time-to-breakdown model):
 * <ul>
 *   <li>fraction formed: {@code 1 - (1 - formedFraction)^a} (more charge, more breakdowns);</li>
 *   <li>formed conductances scale by {@code max(0.05, 1 + meanSensitivity * ln a)} (a stronger pulse grows a wider
 *       filament); the spread scales with them (constant coefficient of variation).</li>
 * </ul>
 * Both laws are qualitative (assumed): the paper says only that amplitude and width shape the distribution and its
 * sparsity.
 *
 * @param formed          conductance of a formed cell at the reference pulse, uS
 * @param formedFraction  probability that a cell forms at the reference pulse, in [0, 1]
 * @param pristine        conductance of a cell that did not form, uS
 * @param reference       the pulse the two distributions above belong to
 * @param voltageScaleV   volts per e-fold of the acceleration factor (> 0)
 * @param meanSensitivity relative change of the formed conductance per e-fold of acceleration (>= 0)
 */
public record Forming(ConductanceDistribution formed, double formedFraction, ConductanceDistribution pristine,
                      FormingPulse reference, double voltageScaleV, double meanSensitivity) {

    public Forming {
        Check.notNull("formed", formed);
        Check.fraction("formedFraction", formedFraction);
        Check.notNull("pristine", pristine);
        Check.notNull("reference", reference);
        Check.positive("voltageScaleV", voltageScaleV);
        Check.nonNegative("meanSensitivity", meanSensitivity);
    }

    /** The forming outcome under another pulse, expressed at that pulse (which becomes the new reference). */
    public Forming at(FormingPulse pulse) {
        Check.notNull("pulse", pulse);
        double a = acceleration(pulse);
        double fraction = 1 - Math.pow(1 - formedFraction, a);
        double factor = Math.max(0.05, 1 + meanSensitivity * Math.log(a));
        return new Forming(formed.scaled(factor), fraction, pristine, pulse, voltageScaleV, meanSensitivity);
    }

    /** How much stronger {@code pulse} is than the reference: (width ratio) x exp(voltage difference / scale). */
    public double acceleration(FormingPulse pulse) {
        return pulse.widthNs() / reference.widthNs()
                * Math.exp((pulse.amplitudeV() - reference.amplitudeV()) / voltageScaleV);
    }
}
