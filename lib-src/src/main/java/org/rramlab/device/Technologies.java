package org.rramlab.device;

import java.util.List;
import java.util.Locale;

/**
 * The memory technologies of the cross-technology study, each with the source of every number (facts and published
 * fits; "assumed" where nothing public exists). Conductances in uS, times in s.
 * <ul>
 *   <li>{@link #taox()}: the paper's 40 nm TaOx macro ({@link DeviceModel#taox40nm()}), drift-free as the paper treats it;</li>
 *   <li>{@link #hfox()}: 1T1R HfOx RRAM with the conductance relaxation of Wan et al., Nature 608, 504 (2022), as fitted
 *       by IBM aihwkit ({@code ReRamWan2022NoiseModel});</li>
 *   <li>{@link #pcmGst()}: GST phase-change memory with the statistical model aihwkit documents
 *       ({@code PCMLikeNoiseModel}, fitted on 1 million devices: Nandakumar et al., ICECS 2019; Joshi et al., Nat. Commun.
 *       11, 2473, 2020): drift exponent and its spread per state, 1/f read noise growing with time;</li>
 *   <li>{@link #sonos()}: 40 nm SONOS charge-trap memory in subthreshold, after Agrawal et al., IEDM 2022 (21.7), as fitted
 *       by Sandia CrossSim ({@code SONOS} device): programming spread, read noise and the drift of 128K cells.</li>
 * </ul>
 * The journal version of the paper says the method applies across analogue memory technologies without naming them or
 * their numbers; these four are our choice.
 */
public final class Technologies {
    private Technologies() {}

    private static final String AIHWKIT_PCM = "IBM aihwkit PCMLikeNoiseModel (Nandakumar et al. ICECS 2019; Joshi et al. Nat. Commun. 2020)";
    private static final String AIHWKIT_WAN = "IBM aihwkit ReRamWan2022NoiseModel (Wan et al. Nature 2022)";
    private static final String CROSSSIM_SONOS = "Sandia CrossSim SONOS model (Agrawal et al. IEDM 2022)";

    /** taox, hfox, pcm-gst, sonos. */
    public static List<Technology> all() {
        return List.of(taox(), hfox(), pcmGst(), sonos());
    }

    /** The technology called {@code key} (case-insensitive), or null. */
    public static Technology find(String key) {
        if (key == null) return null;
        String k = key.trim().toLowerCase(Locale.ROOT);
        if (k.equals("taox40nm")) k = "taox";
        if (k.equals("gst") || k.equals("pcm_gst")) k = "pcm-gst";
        for (Technology t : all()) if (t.key().equals(k)) return t;
        return null;
    }

    /** The technology called {@code key}; an error lists the known ones. */
    public static Technology get(String key) {
        Technology t = find(key);
        if (t == null) {
            throw new IllegalArgumentException("technology '" + key + "': expected one of "
                    + all().stream().map(Technology::key).toList());
        }
        return t;
    }

    /** The paper's TaOx macro: forming gives the random conductances, SET/RESET prune, no drift. */
    public static Technology taox() {
        return new Technology("taox", DeviceModel.taox40nm(), WriteNoise.range(0.1),
                "electroforming: a soft dielectric breakdown grows one filament per cell, its size (and conductance) random from cell "
                        + "to cell (the paper, Fig. 2; formed N(14.25, 2.46) uS is the same group's 40 nm macro)",
                List.of(
                        new Technology.Sourced("random step", "forming 3.3 V / 1 us; formed N(14.25, 2.46) uS",
                                "the paper's group, 40 nm TaOx macro (the paper's stand-in); pulse assumed"),
                        new Technology.Sourced("formed fraction", "0.95", "assumed (no public number)"),
                        new Technology.Sourced("SET state", "the formed conductance (RESTORE)", "the authors' scripts (fixed weights, a mask)"),
                        new Technology.Sourced("RESET state", "N(1.0, 0.3) uS", "assumed"),
                        new Technology.Sourced("read noise", "2 % of G", "assumed (typical filamentary RRAM)"),
                        new Technology.Sourced("write-verify", "1..30 uS, tolerance 0.5 uS, step N(0.5, 0.25), <= 100 pulses", "assumed"),
                        new Technology.Sourced("programming residual", "0.1 x range", "the presets' baseline reference (the paper's is not public)"),
                        new Technology.Sourced("drift", "none", "the paper treats the macro as drift-free (assumed)"),
                        new Technology.Sourced("pulses", "read 0.2 V / 10 ns; SET 1.5 V, 100 uA, 100 ns; RESET 1.8 V, 100 uA, 100 ns",
                                "assumed, typical of 40 nm TaOx cells")));
    }

    /**
     * 1T1R HfOx RRAM on the 0..40 uS window of Wan et al. 2022. Programming residual and relaxation from aihwkit's fit
     * of that paper's figures: the spread around a target is sigma(1 s) = 0.348 + 16.03 g - 43.85 g^2 + 45.39 g^3 - 16.82 g^4
     * uS and grows to the 1-day polynomial (g = G / 40 uS); the growth, sqrt(sigma_1d^2 - sigma_1s^2) / ln(86400 s), is
     * the relaxation spread per e-fold of time below (0.05 uS at 0, 0.29 uS at 20 uS, 0.21 uS at 40 uS): the extremes, the
     * states pruning uses, relax less than mid-window analogue states. No mean shift (the fit has none).
     */
    public static Technology hfox() {
        TruncatedNormal formed = new TruncatedNormal(20, 8);
        DeviceModel m = new DeviceModel("HfOx RRAM",
                new Forming(formed, 0.98, new TruncatedNormal(0.05, 0.01), new FormingPulse(3.5, 1000), 0.2, 0.15),
                new Switching(new TruncatedNormal(35, 3), new TruncatedNormal(2, 1)),
                new ReadNoise(0.01, 0),
                new WriteVerify(1, 40, 1.0, 100, 0.5, 0.25),
                new Drift(1, ConductanceCurve.ZERO, ConductanceCurve.ZERO, ConductanceCurve.ZERO,
                        ConductanceCurve.of(0, 0.054, 2, 0.116, 10, 0.260, 20, 0.294, 30, 0.264, 40, 0.212), 0),
                new Pulses(0.2, 10, 100, 1.2, 100, 100, 1.5, 150, 100, 100));
        return new Technology("hfox", m, WriteNoise.range(0.05),
                "electroforming of the HfOx layer (one soft breakdown per cell, filament size random): formed N(20, 8) uS spread over "
                        + "the 0..40 uS window (distribution assumed; the window is Wan et al. 2022)",
                List.of(
                        new Technology.Sourced("random step", "forming 3.5 V / 1 us; formed N(20, 8) uS", "assumed (window: Wan et al. 2022)"),
                        new Technology.Sourced("formed fraction", "0.98", "assumed"),
                        new Technology.Sourced("SET state", "N(35, 3) uS", "assumed (top of the 40 uS window of Wan et al. 2022)"),
                        new Technology.Sourced("RESET state", "N(2, 1) uS", "assumed"),
                        new Technology.Sourced("read noise", "1 % of G", AIHWKIT_WAN + ": 'short-term read noise about 1 %'"),
                        new Technology.Sourced("write-verify", "1..40 uS, tolerance 1 uS, step N(0.5, 0.25), <= 100 pulses",
                                "window: Wan et al. 2022; loop assumed"),
                        new Technology.Sourced("programming residual", "0.05 x range (2.0 uS at 20 uS)", AIHWKIT_WAN + ", 1 s polynomial at g = 0.5"),
                        new Technology.Sourced("drift", "relaxation spread per e-fold 0.05..0.29 uS vs G, t0 = 1 s, no mean shift",
                                AIHWKIT_WAN + ": growth from the 1 s to the 1 day polynomial"),
                        new Technology.Sourced("pulses", "read 0.2 V / 10 ns; forming 100 uA; SET 1.2 V, 100 uA, 100 ns; RESET 1.5 V, 150 uA, 100 ns",
                                "assumed, typical of 1T1R HfOx")));
    }

    /**
     * GST phase-change memory on the 0..25 uS window of aihwkit's PCM model (g_max 25 uS). Drift exponent and spread from
     * its fit, nu = clip(-0.0155 ln g + 0.0244, 0.049, 0.1) and sd = clip(-0.0125 ln g - 0.0059, 0.008, 0.045) (g = G /
     * 25 uS), tabulated here at 0.1..10 uS; t0 = 20 s. The programming residual is its polynomial 0.263 + 1.965 g - 1.173 g^2
     * uS at g = 0.5 (0.95 uS). Read noise: its 1/f fit sigma/G = 0.0088 g^-0.65 sqrt(ln((t + 250 ns) / 500 ns)) is
     * approximated at t0 by 4 % of G plus 0.25 uS (within about 35 % over 1..25 uS), growing with time by the same
     * square-root law. The amorphous RESET state drifts fastest (nu 0.1), the crystalline SET state least (0.049: the fit's
     * floor; a fully crystalline cell drifts less still, so this is conservative for pruning).
     */
    public static Technology pcmGst() {
        DeviceModel m = new DeviceModel("PCM (GST)",
                new Forming(new TruncatedNormal(10, 4), 1.0, new TruncatedNormal(0.1, 0.05), new FormingPulse(1.0, 100), 0.2, 0.15),
                new Switching(new TruncatedNormal(22, 2), new TruncatedNormal(0.1, 0.05)),
                new ReadNoise(0.04, 0.25),
                new WriteVerify(0.1, 25, 0.5, 50, 0.3, 0.2),
                new Drift(20,
                        ConductanceCurve.of(0.1, 0.1, 0.25, 0.0958, 0.5, 0.085, 1.25, 0.0708, 2.5, 0.0601, 5, 0.0493, 10, 0.049),
                        ConductanceCurve.of(0.1, 0.045, 0.25, 0.045, 0.5, 0.043, 1.25, 0.0315, 2.5, 0.0229, 5, 0.0142, 10, 0.008),
                        ConductanceCurve.ZERO, ConductanceCurve.ZERO, 250e-9),
                new Pulses(0.2, 10, 100, 1.2, 100, 150, 2.0, 300, 50, 100));
        return new Technology("pcm-gst", m, WriteNoise.range(0.038),
                "one unverified partial-SET pulse on amorphous cells: crystallisation starts from random nuclei, so the crystalline "
                        + "fraction, and the conductance, differ from cell to cell and pulse to pulse (stochastic crystallisation, "
                        + "Tuma et al., Nat. Nanotech. 11, 693, 2016); N(10, 4) uS assumed",
                List.of(
                        new Technology.Sourced("random step", "one partial-SET pulse 1.0 V / 100 ns; N(10, 4) uS",
                                "physics: Tuma et al. 2016 (stochastic crystallisation); numbers assumed"),
                        new Technology.Sourced("formed fraction", "1.0 (every cell responds)", "assumed"),
                        new Technology.Sourced("SET state", "N(22, 2) uS (crystalline)", "assumed (near the 25 uS g_max of " + AIHWKIT_PCM + ")"),
                        new Technology.Sourced("RESET state", "N(0.1, 0.05) uS (amorphous)", "assumed"),
                        new Technology.Sourced("read noise", "4 % of G + 0.25 uS at t0, 1/f growth (t_read 250 ns)",
                                AIHWKIT_PCM + ", 1/f fit; the two-term form is our approximation"),
                        new Technology.Sourced("write-verify", "0.1..25 uS, tolerance 0.5 uS, step N(0.3, 0.2), <= 50 pulses",
                                "window: " + AIHWKIT_PCM + "; loop assumed"),
                        new Technology.Sourced("programming residual", "0.038 x range (0.95 uS at 12.5 uS)", AIHWKIT_PCM + ", programming polynomial"),
                        new Technology.Sourced("drift", "G(t) = G(t0) (t/t0)^-nu, nu 0.049..0.1 and sd 0.008..0.045 vs G, t0 = 20 s",
                                AIHWKIT_PCM + ", drift fit"),
                        new Technology.Sourced("pulses", "read 0.2 V / 10 ns; SET 1.2 V, 100 uA, 150 ns; RESET 2.0 V, 300 uA, 50 ns",
                                "assumed, typical of mushroom GST cells (RESET melts: larger, shorter)")));
    }

    /**
     * 40 nm SONOS in subthreshold, 0..16 uS (CrossSim's suggested window: 1600 nA at a 0.1 V read, on/off 1e7). CrossSim's
     * fits in nA at 0.1 V: programming spread 19.9 (1 - exp(-I / 176 nA)), growing to 25.6 (1 - exp(-I / 187 nA)) after
     * one day; read noise 12.6 (1 - exp(-I / 215 nA)), approximated by a constant 0.126 uS; mean drift from its 1-day
     * polynomial, per e-fold of time from t0 = 1 s (-0.022 uS at 8 uS; the polynomial's 1600 nA end point is a fit
     * artefact, -246 nA at 1 day but -118 nA at 5 days, so the curve is held at its 12 uS value). The 5-day spread
     * (34.6 nA) grows faster than the ln t law gives (about 0.7 of it): relaxation beyond days is underestimated.
     */
    public static Technology sonos() {
        DeviceModel m = new DeviceModel("SONOS",
                new Forming(new TruncatedNormal(6, 4), 1.0, new TruncatedNormal(15, 0.5), new FormingPulse(10, 10_000), 0.5, 0.15),
                new Switching(new TruncatedNormal(15, 0.5), new TruncatedNormal(0.0016, 0.0008)),
                new ReadNoise(0, 0.126),
                new WriteVerify(0.0016, 16, 0.1, 100, 0.3, 0.15),
                new Drift(1, ConductanceCurve.ZERO, ConductanceCurve.ZERO,
                        ConductanceCurve.of(0, 0.0006, 1, -0.0006, 2, -0.0034, 4, -0.0115, 8, -0.0219, 12, -0.0295),
                        ConductanceCurve.of(0, 0, 1, 0.0055, 2, 0.0088, 4, 0.0122, 8, 0.0139, 12, 0.0141), 0),
                new Pulses(0.1, 100, 0.001, 10, 0.001, 100_000, 10, 0.001, 10_000, 100));
        return new Technology("sonos", m, WriteNoise.range(0.0124),
                "one unverified program pulse from the erased state: the number of electrons trapped in the nitride and the cells' "
                        + "threshold variability differ from cell to cell, and the subthreshold current depends exponentially on the "
                        + "threshold, so the currents are random (charge-trap statistics); N(6, 4) uS assumed",
                List.of(
                        new Technology.Sourced("random step", "one program pulse 10 V / 10 us from erased; N(6, 4) uS",
                                "physics: charge-trap threshold variability; numbers assumed"),
                        new Technology.Sourced("formed fraction", "1.0", "assumed (every cell takes charge)"),
                        new Technology.Sourced("SET state", "erased, N(15, 0.5) uS", "assumed (top of the 16 uS window of " + CROSSSIM_SONOS + ")"),
                        new Technology.Sourced("RESET state", "programmed off, N(0.0016, 0.0008) uS", CROSSSIM_SONOS + ": on/off 1e7"),
                        new Technology.Sourced("read noise", "0.126 uS", CROSSSIM_SONOS + ": saturating fit, its plateau"),
                        new Technology.Sourced("write-verify", "0..16 uS, tolerance 0.1 uS, step N(0.3, 0.15), <= 100 pulses",
                                "window: " + CROSSSIM_SONOS + "; loop assumed (incremental-step programming)"),
                        new Technology.Sourced("programming residual", "0.0124 x range (0.199 uS)", CROSSSIM_SONOS + ": t = 0 spread plateau"),
                        new Technology.Sourced("drift", "mean shift -0.0006..-0.030 uS and spread 0..0.014 uS per e-fold vs G, t0 = 1 s",
                                CROSSSIM_SONOS + ": 1-day fits"),
                        new Technology.Sourced("pulses", "read 0.1 V / 100 ns; program/erase 10 V, 1 nA tunnelling, 10 us / 100 us",
                                "assumed; the word-line charging that dominates in practice is not in this per-cell model")));
    }
}
