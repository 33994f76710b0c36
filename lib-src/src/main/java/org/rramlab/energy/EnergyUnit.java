package org.rramlab.energy;

/** Display units for energies, which the models keep in joules. */
public enum EnergyUnit {
    PICOJOULE("pJ", 1e-12), NANOJOULE("nJ", 1e-9), MICROJOULE("uJ", 1e-6), MILLIJOULE("mJ", 1e-3), JOULE("J", 1);

    private final String symbol;
    private final double joules;

    EnergyUnit(String symbol, double joules) {
        this.symbol = symbol;
        this.joules = joules;
    }

    public String symbol() {
        return symbol;
    }

    /** {@code joules} expressed in this unit. */
    public double of(double joules) {
        return joules / this.joules;
    }

    /** The largest unit in which {@code joules} is at least 1 (picojoule for anything smaller). */
    public static EnergyUnit fitting(double joules) {
        EnergyUnit best = PICOJOULE;
        for (EnergyUnit u : values()) {
            if (joules >= u.joules) {
                best = u;
            }
        }
        return best;
    }
}
