package org.rramlab.report;

/**
 * One computed figure recorded by a notebook run: the value rramlab obtained for a claim of the paper.
 *
 * @param claimId    the claim (see {@link PaperClaims}), e.g. {@code fashion.energy-reduction}
 * @param value      our figure
 * @param unit       its unit, e.g. {@code %} or {@code percentage points}
 * @param note       how it was obtained (settings, caveats)
 * @param profile    the run profile ({@code ci}, {@code quick}, {@code paper})
 * @param notebook   the notebook (or program) that computed it
 * @param recordedAt ISO-8601 UTC time of recording
 * @param caveats    why the figure cannot be held against the paper's, e.g. {@code synthetic data} or {@code shorter
 *                   run: quick profile, 4 of 65 epochs}; empty when it can. Computed by the recording run, never typed.
 */
public record Result(String claimId, double value, String unit, String note, String profile, String notebook,
                     String recordedAt, java.util.List<String> caveats) {

    public Result {
        Results.checkClaimId(claimId);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("result " + claimId + ": value " + value + ", expected a finite number");
        }
        unit = unit == null ? "" : unit;
        note = note == null ? "" : note;
        caveats = caveats == null ? java.util.List.of() : caveats.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
        for (String c : caveats) {
            if (c.contains(";")) {
                throw new IllegalArgumentException("result " + claimId + ": caveat '" + c + "' contains ';', which separates caveats in the result file");
            }
        }
    }

    /** A result that can be held against the paper's figure (no caveats). */
    public Result(String claimId, double value, String unit, String note, String profile, String notebook, String recordedAt) {
        this(claimId, value, unit, note, profile, notebook, recordedAt, java.util.List.of());
    }
}
