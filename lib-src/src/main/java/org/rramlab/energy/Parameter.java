package org.rramlab.energy;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One named number of the energy model, with its unit, its source and the range it may plausibly take.
 * The range drives the sensitivity analysis: a parameter whose {@code low == high} is treated as known.
 *
 * @param name   the record component's name, e.g. {@code readVoltage}
 * @param value  the value, in {@code unit}
 * @param unit   e.g. {@code V}, {@code ns}, {@code uS}, {@code fJ}
 * @param source where the value comes from
 * @param low    smallest plausible value (for sensitivity sweeps)
 * @param high   largest plausible value
 */
public record Parameter(String name, double value, String unit, Source source, double low, double high) {

    public Parameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("parameter name: is '" + name + "', expected a non-blank name");
        }
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("parameter " + name + ": value " + value + " " + unit
                    + ", expected a finite number >= 0");
        }
        if (unit == null || source == null) {
            throw new IllegalArgumentException("parameter " + name + ": unit and source are required");
        }
        if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high) || low < 0) {
            throw new IllegalArgumentException("parameter " + name + ": range [" + low + ", " + high
                    + "], expected finite 0 <= low <= high");
        }
    }

    /** A parameter known well enough that sensitivity sweeps leave it alone. */
    public static Parameter known(String name, double value, String unit, Source source) {
        return new Parameter(name, value, unit, source, value, value);
    }

    /** An uncertain parameter, swept over {@code [low, high]} by {@link Sensitivity}. */
    public static Parameter uncertain(String name, double value, String unit, Source source, double low, double high) {
        return new Parameter(name, value, unit, source, low, high);
    }

    /** The same parameter with another value; the range widens to include it, the source becomes "set by user". */
    public Parameter withValue(double newValue) {
        if (newValue == value) {
            return this;
        }
        return new Parameter(name, newValue, unit, Source.assumed("set by user (was " + value + " " + unit + ": "
                + source + ")"), Math.min(low, newValue), Math.max(high, newValue));
    }

    /** True when the parameter has a range to sweep. (Derived: left out of JSON.) */
    @JsonIgnore
    public boolean isUncertain() {
        return low < high;
    }
}
