package org.rramlab.device;

import org.rramlab.util.Check;
import org.rramlab.util.Configs;

import java.util.random.RandomGenerator;

/**
 * What a resistive-memory cell is, in microsiemens: how it forms, switches, reads and is programmed.
 *
 * <p>What is stored is drawn once (forming, SET/RESET, write-verify residual); what happens on each read
 * ({@link ReadNoise}) is drawn afresh every time. Presets: {@link #taox40nm()} (the paper's macro),
 * {@link #ideal()} (every error off) and {@link #pcmLike()} (another technology, with drift).
 * {@link #toString()} prints only what differs from {@link #taox40nm()}; {@link #toJson()} / {@link #fromJson}
 * round-trip.
 *
 * @param name        a short label for tables and plots
 * @param forming     electroforming: formed / pristine distributions and the pulse dependence
 * @param switching   SET and RESET states (binary switching, used by pruning)
 * @param readNoise   cycle-to-cycle read noise
 * @param writeVerify write-verify programming (the conventional baseline's cost)
 * @param drift       conductance drift after programming
 * @param pulses      read and programming pulses (the energy model's per-read and per-pulse energies)
 */
public record DeviceModel(String name, Forming forming, Switching switching, ReadNoise readNoise,
                          WriteVerify writeVerify, Drift drift, Pulses pulses) {

    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
    public DeviceModel {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name = '" + name + "': expected a non-blank label");
        }
        Check.notNull("forming", forming);
        Check.notNull("switching", switching);
        Check.notNull("readNoise", readNoise);
        Check.notNull("writeVerify", writeVerify);
        Check.notNull("drift", drift);
        Check.notNull("pulses", pulses);
    }

    /**
     * The paper's 40 nm TaN/TaOx/Ta/TiN macro. Sources: formed N(14.25, 2.46) uS is the published stand-in from the
     * same group's earlier 40 nm macro study; pristine 0.1 uS is "about 10 MOhm before forming". Assumed (no public
     * number): 95 % of cells form at a 3.3 V / 1 us reference pulse, 0.2 V per e-fold, sensitivity 0.15; SET state as
     * formed; RESET (off) state N(1.0, 0.3) uS; read noise 2 % of G; programmable range 1..30 uS, verify tolerance
     * 0.5 uS, a pulse covers N(0.5, 0.25) of the remaining distance, at most 100 pulses; no drift; a SET restores the
     * formed conductance ({@link Switching.Reinstate#RESTORE}, as the authors' scripts); pulses
     * {@link Pulses#taoxTypical()} (assumed).
     */
    public static DeviceModel taox40nm() {
        TruncatedNormal formed = new TruncatedNormal(14.25, 2.46);
        return new DeviceModel("TaOx 40 nm",
                new Forming(formed, 0.95, new TruncatedNormal(0.1, 0.02), new FormingPulse(3.3, 1000), 0.2, 0.15),
                new Switching(formed, new TruncatedNormal(1.0, 0.3)),
                new ReadNoise(0.02, 0),
                new WriteVerify(1, 30, 0.5, 100, 0.5, 0.25),
                Drift.NONE, Pulses.taoxTypical());
    }

    /**
     * Every error off: all cells form to the TaOx formed distribution (the random weights are the point), the off
     * state is exactly 0 uS, reads are exact, programming takes one exact pulse, no drift.
     */
    public static DeviceModel ideal() {
        TruncatedNormal formed = new TruncatedNormal(14.25, 2.46);
        return new DeviceModel("ideal",
                new Forming(formed, 1.0, TruncatedNormal.fixed(0), new FormingPulse(3.3, 1000), 0.2, 0),
                new Switching(formed, TruncatedNormal.fixed(0)),
                ReadNoise.NONE,
                WriteVerify.exact(0, 30),
                Drift.NONE, Pulses.taoxTypical());
    }

    /**
     * A phase-change-memory-like device (assumed, typical literature magnitudes): random initial states N(10, 3.5) uS
     * in every cell, SET N(20, 3) uS, RESET (amorphous) N(0.1, 0.05) uS, read noise 4 % of G (1/f noise is larger
     * than in filamentary RRAM), range 0.1..25 uS with less controllable partial-SET steps N(0.3, 0.2), and drift
     * nu = 0.05 from t0 = 1 s. Pulses (assumed): read 0.2 V / 10 ns; SET 1.2 V, 100 uA, 150 ns (crystallising);
     * RESET 2.0 V, 300 uA, 50 ns (melt-quench needs a larger, shorter pulse).
     */
    public static DeviceModel pcmLike() {
        return new DeviceModel("PCM-like",
                new Forming(new TruncatedNormal(10, 3.5), 1.0, TruncatedNormal.fixed(0.1), new FormingPulse(3.3, 1000),
                        0.2, 0.15),
                new Switching(new TruncatedNormal(20, 3), new TruncatedNormal(0.1, 0.05)),
                new ReadNoise(0.04, 0),
                new WriteVerify(0.1, 25, 0.5, 100, 0.3, 0.2),
                Drift.powerLaw(0.05, 0, 1), new Pulses(0.2, 10, 100, 1.2, 100, 150, 2.0, 300, 50, 100));
    }

    /** A device named by its preset in JSON ({@code "device": "pcm"}); an object is read field by field. */
    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    static DeviceModel fromPresetName(String name) {
        return preset(name);
    }

    /**
     * The preset called {@code name}: taox40nm, ideal, pcm (the assumed PCM-like device), or a memory technology of
     * {@link Technologies} (hfox, pcm-gst, sonos; taox is taox40nm).
     */
    public static DeviceModel preset(String name) {
        if (name == null) throw new IllegalArgumentException("device preset: null, expected one of " + presetNames());
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "taox40nm", "taox" -> taox40nm();
            case "ideal" -> ideal();
            case "pcm", "pcmlike", "pcm-like" -> pcmLike();
            default -> {
                Technology t = Technologies.find(name);
                if (t == null) throw new IllegalArgumentException("device preset '" + name + "': expected one of " + presetNames());
                yield t.model();
            }
        };
    }

    /** The names {@link #preset} accepts. */
    public static java.util.List<String> presetNames() {
        var names = new java.util.ArrayList<>(java.util.List.of("taox40nm", "ideal", "pcm"));
        for (Technology t : Technologies.all()) if (!names.contains(t.key()) && !t.key().equals("taox")) names.add(t.key());
        return names;
    }

    /** This device formed with another pulse. */
    public DeviceModel withFormingPulse(FormingPulse pulse) {
        return new DeviceModel(name, forming.at(pulse), switching, readNoise, writeVerify, drift, pulses);
    }

    public DeviceModel withReadNoise(ReadNoise noise) {
        return new DeviceModel(name, forming, switching, noise, writeVerify, drift, pulses);
    }

    public DeviceModel withForming(Forming f) {
        return new DeviceModel(name, f, switching, readNoise, writeVerify, drift, pulses);
    }

    public DeviceModel withSwitching(Switching sw) {
        return new DeviceModel(name, forming, sw, readNoise, writeVerify, drift, pulses);
    }

    public DeviceModel withWriteVerify(WriteVerify wv) {
        return new DeviceModel(name, forming, switching, readNoise, wv, drift, pulses);
    }

    public DeviceModel withDrift(Drift d) {
        return new DeviceModel(name, forming, switching, readNoise, writeVerify, d, pulses);
    }

    public DeviceModel withPulses(Pulses p) {
        return new DeviceModel(name, forming, switching, readNoise, writeVerify, drift, p);
    }

    /** This device with another choice of what reinstating a pruned edge leaves in the cell. */
    public DeviceModel withReinstate(Switching.Reinstate r) {
        return withSwitching(switching.withReinstate(r));
    }

    public DeviceModel withName(String newName) {
        return new DeviceModel(newName, forming, switching, readNoise, writeVerify, drift, pulses);
    }

    /** Measured conductances replace the model: formed states and read noise come from the table. */
    public DeviceModel withMeasured(ConductanceTable table) {
        Forming f = new Forming(table.formedDistribution(), forming.formedFraction(), forming.pristine(),
                forming.reference(), forming.voltageScaleV(), forming.meanSensitivity());
        return new DeviceModel(name + " (measured)", f, switching, table.readNoise(), writeVerify, drift, pulses);
    }

    /** Conductance of one freshly formed cell: formed with probability formedFraction, else pristine. */
    public double formCell(RandomGenerator random) {
        return random.nextDouble() < forming.formedFraction()
                ? forming.formed().sample(random) : forming.pristine().sample(random);
    }

    public boolean hasReadNoise() {
        return !readNoise.isNone();
    }

    public String toJson() {
        return Configs.toJson(this);
    }

    public static DeviceModel fromJson(String json) {
        return Configs.fromJson(json, DeviceModel.class);
    }

    /** The name and only the fields that differ from {@link #taox40nm()}. */
    @Override
    public String toString() {
        var diff = Configs.differences(this, taox40nm());
        diff.removeIf(d -> d.startsWith("name="));
        return "DeviceModel[" + name + (diff.isEmpty() ? " = taox40nm" : "; vs taox40nm: " + String.join(", ", diff)) + "]";
    }
}
