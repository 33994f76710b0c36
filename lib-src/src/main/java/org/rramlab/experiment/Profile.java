package org.rramlab.experiment;

import java.util.Locale;

/**
 * How big a notebook run is. The profile changes sizes and epochs, never the code path.
 *
 * <ul>
 *   <li>{@link #CI}: seconds; what the test suite executes.</li>
 *   <li>{@link #QUICK}: minutes, results worth looking at; the default.</li>
 *   <li>{@link #PAPER}: the paper's full settings (epochs, batch sizes, data sizes).</li>
 * </ul>
 * Chosen by the environment variable {@code RRAMLAB_PROFILE} (or the system property {@code rramlab.profile}).
 */
public enum Profile {
    CI, QUICK, PAPER;

    public static final String ENV = "RRAMLAB_PROFILE";
    public static final String PROPERTY = "rramlab.profile";

    /** The profile this JVM runs under: system property, then environment variable, then {@link #QUICK}. */
    public static Profile current() {
        String value = System.getProperty(PROPERTY);
        String from = "system property " + PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(ENV);
            from = "environment variable " + ENV;
        }
        if (value == null || value.isBlank()) {
            return QUICK;
        }
        return parse(value, from);
    }

    /** Parses {@code ci}, {@code quick} or {@code paper} (any case); {@code from} names where the text came from. */
    public static Profile parse(String value, String from) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(from + ": profile '" + value + "' is not one of ci, quick, paper");
        }
    }

    /** Picks the value for this profile: {@code profile.pick(ciValue, quickValue, paperValue)}. */
    public <T> T pick(T ci, T quick, T paper) {
        return switch (this) {
            case CI -> ci;
            case QUICK -> quick;
            case PAPER -> paper;
        };
    }

    public int pick(int ci, int quick, int paper) {
        return switch (this) {
            case CI -> ci;
            case QUICK -> quick;
            case PAPER -> paper;
        };
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
