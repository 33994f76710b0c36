package org.rramlab;

/** The library's version, recorded in every result's provenance. */
public final class Version {
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private Version() {}
}
