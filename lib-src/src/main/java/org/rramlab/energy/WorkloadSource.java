package org.rramlab.energy;

/**
 * Anything that can describe its own work per inference: the hook through which an {@code org.rramlab.nn} model
 * feeds the energy model with its actual shapes, keep fractions and input precision.
 */
@FunctionalInterface
public interface WorkloadSource {

    /** This model's work for one inference. */
    Workload workload();
}
