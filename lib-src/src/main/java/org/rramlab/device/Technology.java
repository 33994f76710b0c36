package org.rramlab.device;

import org.rramlab.util.Check;

import java.util.List;
import java.util.Locale;

/**
 * An analogue memory technology as the co-design uses it: a {@link DeviceModel} (the cheap stochastic step that gives
 * random conductances, the two states pruning switches between, write-verify, read noise, drift, pulses), the residual
 * error write-verify leaves on the conventional baseline, and where every number comes from.
 *
 * @param key                 the preset name ({@code "device": "hfox"} in a spec)
 * @param model               the cells
 * @param programmingResidual the error write-verify leaves after programming a target (the baseline's write noise)
 * @param randomStep          the physical basis of the cheap step that gives the random states, with its source
 * @param sources             every parameter group with its value and source (or "assumed")
 */
public record Technology(String key, DeviceModel model, WriteNoise programmingResidual, String randomStep, List<Sourced> sources) {

    /** The parameter groups every technology must source. */
    public static final List<String> REQUIRED = List.of("random step", "formed fraction", "SET state", "RESET state", "read noise",
            "write-verify", "programming residual", "drift", "pulses");

    /**
     * One parameter group with its value and source.
     *
     * @param parameter what it is (one of {@link #REQUIRED}, or more detail)
     * @param value     the value as people write it
     * @param source    a publication or a fit that documents it, or "assumed" with the reason
     */
    public record Sourced(String parameter, String value, String source) {
        public Sourced {
            if (parameter == null || parameter.isBlank() || value == null || value.isBlank() || source == null || source.isBlank()) {
                throw new IllegalArgumentException("source entry (" + parameter + ", " + value + ", " + source + "): expected a parameter, "
                        + "its value and its source, none blank");
            }
        }
    }

    public Technology {
        if (key == null || key.isBlank() || !key.equals(key.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("technology key = '" + key + "': expected a non-blank lower-case name");
        }
        Check.notNull("technology " + key + ": model", model);
        Check.notNull("technology " + key + ": programmingResidual", programmingResidual);
        if (randomStep == null || randomStep.isBlank()) {
            throw new IllegalArgumentException("technology " + key + ": randomStep is blank, expected the physical basis of the random states");
        }
        sources = List.copyOf(Check.notNull("technology " + key + ": sources", sources));
        for (String required : REQUIRED) {
            if (sources.stream().noneMatch(s -> s.parameter().equals(required))) {
                throw new IllegalArgumentException("technology " + key + ": no source for '" + required + "' (every parameter needs its "
                        + "source or 'assumed'; required: " + REQUIRED + ")");
            }
        }
    }

    /** The label of tables and plots. */
    public String name() {
        return model.name();
    }

    /** The source entry of {@code parameter}. */
    public Sourced source(String parameter) {
        return sources.stream().filter(s -> s.parameter().equals(parameter)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("technology " + key + ": no source entry '" + parameter + "'"));
    }
}
