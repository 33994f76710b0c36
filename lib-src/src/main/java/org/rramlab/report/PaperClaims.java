package org.rramlab.report;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of what the paper claims, one {@link Claim} per figure, with the id under which a notebook records
 * rramlab's figure for it ({@link Results#record}). Headline claims come from the arXiv preprint (2311.07164) and the
 * Nature Communications version. Reference rows give context: what the authors' own scripts gave when rramlab ran
 * them (reproduction.md), separating "the method" from "our implementation of it", and a pessimistic second reading
 * of each energy claim.
 */
public final class PaperClaims {

    /**
     * One claim.
     *
     * @param id          the claim id notebooks record under
     * @param task        {@code Fashion-MNIST}, {@code Spoken digits} or {@code DRIVE}
     * @param description what is claimed, in words
     * @param paper       the paper's figure
     * @param unit        its unit
     * @param source      where the figure is stated
     * @param reference   true for reference rows (context), false for the paper's headline claims
     */
    public record Claim(String id, String task, String description, double paper, String unit, String source,
                        boolean reference) {

        public Claim {
            Results.checkClaimId(id);
        }
    }

    private static final String ARXIV = "arXiv 2311.07164 abstract";
    private static final String BOTH = "arXiv 2311.07164 and Nat. Commun. (2026) abstracts";
    private static final String JOURNAL = "Nat. Commun. (2026) s41467-025-67960-6 abstract";
    private static final String SCRIPTS = "authors' script run by rramlab on 2 CPU cores (reproduction.md)";
    private static final String PP = "percentage points";

    public static final Claim FASHION_ACCURACY_GAIN = new Claim("fashion.accuracy-gain", "Fashion-MNIST",
            "accuracy gain of pruning random RRAM over conventional weight programming", 17.3, PP, BOTH, false);
    public static final Claim SPOKEN_DIGITS_ACCURACY_GAIN = new Claim("fsdd.accuracy-gain", "Spoken digits",
            "accuracy gain of pruning random RRAM over conventional weight programming", 19.9, PP, BOTH, false);
    public static final Claim DRIVE_PR_AUC_GAIN = new Claim("drive.pr-auc-gain", "DRIVE",
            "precision-recall AUC gain over conventional weight programming", 9.8, PP, BOTH, false);
    public static final Claim DRIVE_ROC_AUC_GAIN = new Claim("drive.roc-auc-gain", "DRIVE",
            "ROC AUC gain over conventional weight programming", 2.0, PP, ARXIV, false);
    public static final Claim FASHION_ENERGY = new Claim("fashion.energy-reduction", "Fashion-MNIST",
            "inference energy reduction vs. a GPU (analogue in-memory computing)", 78.3, "%", JOURNAL, false);
    public static final Claim SPOKEN_DIGITS_ENERGY = new Claim("fsdd.energy-reduction", "Spoken digits",
            "inference energy reduction vs. a GPU", 67.9, "%", JOURNAL, false);
    public static final Claim DRIVE_ENERGY = new Claim("drive.energy-reduction", "DRIVE",
            "inference energy reduction vs. a GPU", 99.7, "%", JOURNAL, false);
    public static final Claim FASHION_EFFICIENCY_ARXIV = new Claim("fashion.energy-efficiency-arxiv", "Fashion-MNIST",
            "'better energy efficiency' vs. a GPU (arXiv wording; read as energy reduction)", 82.1, "%", ARXIV, false);
    public static final Claim SPOKEN_DIGITS_EFFICIENCY_ARXIV = new Claim("fsdd.energy-efficiency-arxiv",
            "Spoken digits", "'better energy efficiency' vs. a GPU (arXiv wording; read as energy reduction)", 51.2,
            "%", ARXIV, false);
    public static final Claim DRIVE_EFFICIENCY_ARXIV = new Claim("drive.energy-efficiency-arxiv", "DRIVE",
            "'better energy efficiency' vs. a GPU (arXiv wording; read as energy reduction)", 99.8, "%", ARXIV, false);
    private static final String PESSIMISTIC = "the same claim read pessimistically: the test chip as built (14-bit "
            + "ADCs, FPGA periphery) vs. an ideal digital lower bound of the GPU";
    public static final Claim FASHION_ENERGY_PESSIMISTIC = new Claim("fashion.energy-reduction-pessimistic",
            "Fashion-MNIST", PESSIMISTIC, 78.3, "%", JOURNAL, true);
    public static final Claim SPOKEN_DIGITS_ENERGY_PESSIMISTIC = new Claim("fsdd.energy-reduction-pessimistic",
            "Spoken digits", PESSIMISTIC, 67.9, "%", JOURNAL, true);
    public static final Claim DRIVE_ENERGY_PESSIMISTIC = new Claim("drive.energy-reduction-pessimistic", "DRIVE",
            PESSIMISTIC, 99.7, "%", JOURNAL, true);
    public static final Claim FASHION_SCRIPT_ACCURACY = new Claim("fashion.script-best-accuracy", "Fashion-MNIST",
            "best test accuracy, software edge pruning, 4-bit inputs, keep 0.5, 65 epochs", 85.57, "%", SCRIPTS, true);
    public static final Claim SPOKEN_DIGITS_SCRIPT_ACCURACY = new Claim("fsdd.script-best-accuracy", "Spoken digits",
            "best test accuracy, software edge pruning, 3-bit inputs, keep 0.5, 60 epochs", 98.0, "%", SCRIPTS, true);
    public static final Claim FASHION_SCRIPT_FLIPS = new Claim("fashion.script-mask-flips", "Fashion-MNIST",
            "mask flips (SET/RESET) over training without the flip limit", 9.44e6, "flips", SCRIPTS, true);
    public static final Claim SPOKEN_DIGITS_SCRIPT_FLIPS = new Claim("fsdd.script-mask-flips", "Spoken digits",
            "mask flips (SET/RESET) over training without the flip limit", 284_688, "flips", SCRIPTS, true);

    public static final Claim TECHNOLOGY_BREADTH = new Claim("fashion.technology-breadth", "Fashion-MNIST",
            "share of memory technologies tried on which the pruned random network is as accurate as write-verify programming "
                    + "right after programming, within 2 standard errors of the test set (journal: 'across analogue memory "
                    + "technologies', no figures: read as all)",
            100, "%", JOURNAL, false);

    /** The journal's scalability claim: no figure is public (paper = NaN); ours is ResNet-50 mapped, not trained. */
    public static final Claim SCALING_RESNET50_ENERGY = new Claim("scaling.resnet50-imagenet100", "ImageNet-100",
            "scalability to ResNet-50 on ImageNet-100 (no figure public); ours: inference energy reduction vs. a GPU of ResNet-50 "
                    + "mapped onto the arrays, not trained (not the same experiment)", Double.NaN, "%", JOURNAL, false);

    /** Every claim, headline claims first, in the paper's task order. */
    public static final List<Claim> ALL = List.of(
            FASHION_ACCURACY_GAIN, SPOKEN_DIGITS_ACCURACY_GAIN, DRIVE_PR_AUC_GAIN, DRIVE_ROC_AUC_GAIN,
            FASHION_ENERGY, SPOKEN_DIGITS_ENERGY, DRIVE_ENERGY, TECHNOLOGY_BREADTH,
            FASHION_EFFICIENCY_ARXIV, SPOKEN_DIGITS_EFFICIENCY_ARXIV, DRIVE_EFFICIENCY_ARXIV,
            FASHION_ENERGY_PESSIMISTIC, SPOKEN_DIGITS_ENERGY_PESSIMISTIC, DRIVE_ENERGY_PESSIMISTIC,
            FASHION_SCRIPT_ACCURACY, SPOKEN_DIGITS_SCRIPT_ACCURACY, FASHION_SCRIPT_FLIPS, SPOKEN_DIGITS_SCRIPT_FLIPS,
            SCALING_RESNET50_ENERGY);

    private PaperClaims() {}

    /** The claim with this id, if catalogued. */
    public static Optional<Claim> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
