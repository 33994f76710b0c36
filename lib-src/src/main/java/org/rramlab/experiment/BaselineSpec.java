package org.rramlab.experiment;

import java.util.List;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.util.Check;

/**
 * The conventional baseline of a run: the same network with trained weights (same training settings), programmed by
 * write-verify onto a fresh macro of {@code device} with residual write noise, for every noise level, both noise
 * definitions, {@code repeats} programmings each, every multiply through the run's chain.
 *
 * @param device    the cells programmed (a preset name or the full model)
 * @param sigmas    write-noise levels (sigma x range or x each target)
 * @param kinds     the noise definitions swept (RANGE, PROPORTIONAL)
 * @param repeats   programmings per point (their mean is reported)
 * @param reference the point the accuracy gain is measured against (the paper's is not public)
 */
public record BaselineSpec(DeviceModel device, List<Double> sigmas, List<WriteNoise.Kind> kinds, int repeats, WriteNoise reference) {

    public BaselineSpec {
        Check.notNull("device", device);
        if (sigmas == null || sigmas.isEmpty()) throw new IllegalArgumentException("sigmas: expected at least one write-noise level");
        for (Double s : sigmas) {
            if (s == null || !(s >= 0) || s.isInfinite()) throw new IllegalArgumentException("sigmas: expected finite values >= 0, got " + sigmas);
        }
        sigmas = List.copyOf(sigmas);
        if (kinds == null || kinds.isEmpty()) throw new IllegalArgumentException("kinds: expected RANGE and/or PROPORTIONAL");
        kinds = List.copyOf(kinds);
        if (repeats < 1) throw new IllegalArgumentException("repeats = " + repeats + ": expected >= 1");
        Check.notNull("reference", reference);
        if (!kinds.contains(reference.kind()) || sigmas.stream().noneMatch(x -> Math.abs(x - reference.sigma()) < 1e-12)) {
            throw new IllegalArgumentException("reference = " + reference + ": expected one of the swept points (kinds " + kinds + ", sigmas "
                    + sigmas + ")");
        }
    }
}
