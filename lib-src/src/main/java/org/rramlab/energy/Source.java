package org.rramlab.energy;

/**
 * Where a parameter's value comes from: a citation (paper, datasheet, survey) or an assumption made by rramlab.
 * An assumed value says why it was picked, so a reader knows what to check before trusting a conclusion.
 *
 * @param text     the citation, or the reasoning behind an assumption
 * @param assumed  true when no public source gives this value for the paper's hardware
 */
public record Source(String text, boolean assumed) {

    public Source {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("source text: is '" + text + "', expected a citation or a reason");
        }
    }

    /** A value taken from a publication or datasheet. */
    public static Source cited(String citation) {
        return new Source(citation, false);
    }

    /** A value rramlab picked; {@code why} says on what grounds. */
    public static Source assumed(String why) {
        return new Source(why, true);
    }

    @Override
    public String toString() {
        return assumed ? "assumed: " + text : text;
    }
}
