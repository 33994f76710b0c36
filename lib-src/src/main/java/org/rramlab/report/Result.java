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
 */
public record Result(String claimId, double value, String unit, String note, String profile, String notebook,
                     String recordedAt) {

    public Result {
        Results.checkClaimId(claimId);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("result " + claimId + ": value " + value + ", expected a finite number");
        }
        unit = unit == null ? "" : unit;
        note = note == null ? "" : note;
    }
}
