package org.rramlab.util;

/** Argument checks shared by the device and crossbar records: each message names the parameter, value and expectation. */
public final class Check {
    private Check() {
    }

    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + ": expected a finite number");
        }
        return value;
    }

    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + ": expected a finite number >= 0");
        }
        return value;
    }

    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + ": expected a finite number > 0");
        }
        return value;
    }

    /** A conductance in uS: finite and not negative. */
    public static double conductance(String name, double us) {
        if (!(us >= 0) || Double.isInfinite(us)) {
            throw new IllegalArgumentException(name + " = " + us + " uS: a conductance must be finite and >= 0 uS");
        }
        return us;
    }

    public static double fraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " = " + value + ": expected a fraction in [0, 1]");
        }
        return value;
    }

    public static int bits(String name, int bits) {
        if (bits <= 0 || bits > 24) {
            throw new IllegalArgumentException(name + " = " + bits + ": expected a number of bits in 1..24");
        }
        return bits;
    }

    /** An array's size: both dimensions must be positive. */
    public static void arraySize(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("rows x cols = " + rows + " x " + cols + ": expected both > 0");
        }
    }

    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null: expected a value");
        }
        return value;
    }
}
