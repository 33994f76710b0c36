package org.rramlab.energy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Energy of one piece of work split into named parts, in joules, in the order they were added.
 *
 * @param label  e.g. {@code Fashion-MNIST CNN, analogue inference}
 * @param joules part name -> energy in joules
 */
public record EnergyBreakdown(String label, Map<String, Double> joules) {

    /** Part names the analogue model uses. */
    public static final String ARRAY = "array read", DAC = "DAC", ADC = "ADC", PERIPHERY = "digital periphery",
            DATA_MOVEMENT = "data movement", BACKWARD_ARRAY = "backward on array",
            WEIGHT_GRADIENT = "weight gradient (digital)", SCORE_UPDATE = "score update + top-k";
    /** Part names the digital model uses. */
    public static final String COMPUTE = "compute", MEMORY = "DRAM", BOARD = "board (power x time)";

    public EnergyBreakdown {
        for (Map.Entry<String, Double> e : joules.entrySet()) {
            if (!Double.isFinite(e.getValue()) || e.getValue() < 0) {
                throw new IllegalArgumentException(label + ": part '" + e.getKey() + "' = " + e.getValue()
                        + " J, expected a finite energy >= 0");
            }
        }
        joules = Collections.unmodifiableMap(new LinkedHashMap<>(joules));
    }

    /** Total energy in joules. */
    public double total() {
        return joules.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** One part in joules, 0 when absent. */
    public double part(String name) {
        return joules.getOrDefault(name, 0.0);
    }

    /** Percent less energy than {@code reference}: 100 x (1 - this / reference). */
    public double reductionVersus(EnergyBreakdown reference) {
        return 100.0 * (1.0 - total() / reference.total());
    }

    /** Builds a breakdown part by part; adding to an existing part sums. */
    static final class Builder {
        private final String label;
        private final LinkedHashMap<String, Double> parts = new LinkedHashMap<>();

        Builder(String label, String... order) {
            this.label = label;
            for (String p : order) {
                parts.put(p, 0.0);
            }
        }

        Builder add(String part, double joules) {
            parts.merge(part, joules, Double::sum);
            return this;
        }

        EnergyBreakdown build() {
            return new EnergyBreakdown(label, parts);
        }
    }
}
