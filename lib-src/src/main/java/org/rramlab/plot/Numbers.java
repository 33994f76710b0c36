package org.rramlab.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The house style for numbers people read (tables, chart labels, summaries): 4 significant figures, no exponent for
 * ordinary sizes, thousands separators for counts, fractions of a whole as percentages, and unit names as printed
 * (µS, Ω). One place, so that every notebook and report reads the same.
 * <pre>{@code
 * Numbers.sig(0.08535533905932738)   // "0.08536"
 * Numbers.count(304088)              // "304,088"
 * Numbers.percent(0.8421)            // "84.2 %"
 * Numbers.units("conductance (uS)")  // "conductance (µS)"
 * }</pre>
 */
public final class Numbers {
    /** Significant figures of an ordinary number. */
    public static final int DIGITS = 4;

    private static final Pattern MICRO_SIEMENS = Pattern.compile("(?<![A-Za-z])uS(?![A-Za-z])");
    private static final Pattern MICRO_OTHER = Pattern.compile("(?<![A-Za-z])u(J|W|A)(?![A-Za-z])");
    private static final Pattern MICRO_SECONDS = Pattern.compile("(?:(?<=[0-9 (])|^)us(?![A-Za-z])");
    private static final Pattern OHM = Pattern.compile("(?<![A-Za-z])(k|M|G)?Ohm(?![A-Za-z])");
    private static final Pattern SIGMA = Pattern.compile("(?<![A-Za-z.])sigma(?![A-Za-z])");   // not in a JSON path (baseline.reference.sigma)
    /** A times sign written as the letter x between a number and what it multiplies: {@code 0.1 x range}, {@code 512 x 256}. */
    private static final Pattern TIMES = Pattern.compile("(?<=[0-9]) x (?=[0-9A-Za-z(])");
    /** Column or figure names whose values in [0, 1] are fractions of a whole, shown as %. */
    private static final Pattern FRACTION_NAME = Pattern.compile(
            "(?i).*(accuracy|\\bacc\\b|\\bauc\\b|\\bf1\\b|precision|recall|sensitivity|specificity|fraction|utilisation"
                    + "|kept|keep|share|dice).*");

    private Numbers() {}

    /** {@code v} to {@value #DIGITS} significant figures: {@code 0.08536}, {@code 12.35}, {@code 1.235e-05}, {@code 12,346}. */
    public static String sig(double v) {
        return sig(v, DIGITS);
    }

    /** {@code v} to {@code digits} significant figures (integers of 5+ digits keep all of them, with separators). */
    public static String sig(double v, int digits) {
        if (digits < 1) throw new IllegalArgumentException("digits: " + digits + "; expected >= 1");
        if (Double.isNaN(v)) return "n/a";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e12) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
        }
        if (a >= Math.pow(10, digits - 1)) {   // as many integer digits as significant ones: no decimals, separators
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    /** A count with thousands separators: {@code 304,088}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A fraction of a whole as a percentage to 3 significant figures: {@code 84.2 %}, {@code 0.513 %}, {@code 100 %}. */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction)) return "n/a";
        double p = 100 * fraction;
        if (p == Math.rint(p) && Math.abs(p) < 1e6) return String.format(Locale.ROOT, "%d %%", (long) p);
        String digits = Math.abs(p) >= 100 ? "%.1f" : sig(p, 3).contains("e") ? "%.2e" : null;
        return (digits == null ? sig(p, 3) : String.format(Locale.ROOT, digits, p)) + " %";
    }

    /** A value already in percent: {@code percentValue(84.21)} is {@code 84.2 %}. */
    public static String percentValue(double percent) {
        return percent(percent / 100);
    }

    /** Percentage points with a sign: {@code +5.4 points}. */
    public static String points(double points) {
        if (Double.isNaN(points)) return "n/a";
        return (points > 0 ? "+" : points < 0 ? "−" : "") + sig(Math.abs(points), 3) + " points";
    }

    /**
     * A value in a column or row called {@code name}: a percentage when the name says it is a fraction of a whole
     * (accuracy, AUC, F1, fraction, ...) and the value lies in [0, 1], else {@link #sig}. Whole numbers of a count
     * keep every digit, with separators.
     */
    public static String cell(String name, double v) {
        if (Double.isNaN(v)) return "n/a";
        if (name != null && isFractionName(name) && v >= 0 && v <= 1) return percent(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return count((long) v);
        return sig(v);
    }

    /** True for names of fractions of a whole (accuracy, AUC, F1, fraction, ...), whose values read better as %. */
    public static boolean isFractionName(String name) {
        // "accuracy lost (points)" holds percentage points, not a fraction: 0.45 of them is not 45 %
        return name != null && !name.contains("%") && !name.toLowerCase(java.util.Locale.ROOT).contains("point") && FRACTION_NAME.matcher(name).matches();
    }

    /**
     * Unit names as printed: {@code uS} → µS, {@code Ohm} → Ω, {@code 1 us} → 1 µs, {@code sigma} → σ, {@code uJ} → µJ
     * (also µW, µA), and {@code 0.1 x range} → 0.1 × range.
     */
    public static String units(String text) {
        if (text == null) return null;
        String t = MICRO_SIEMENS.matcher(text).replaceAll("µS");
        t = MICRO_OTHER.matcher(t).replaceAll("µ$1");
        t = TIMES.matcher(t).replaceAll(" × ");
        t = MICRO_SECONDS.matcher(t).replaceAll("µs");
        t = OHM.matcher(t).replaceAll("$1Ω");
        return SIGMA.matcher(t).replaceAll("σ");
    }
}
