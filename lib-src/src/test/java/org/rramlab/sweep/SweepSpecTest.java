package org.rramlab.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;

/** Sweep specs: cells derived deterministically with stable ids, JSON both ways, bad sweeps named by axis and path. */
class SweepSpecTest {
    private static final String JSON = """
            {"name": "keep-x-noise", "base": "fashion-mlp", "profile": "ci",
             "axes": [{"path": "prune.keepFraction", "values": [0.3, 0.5]},
                      {"path": "weights.device.readNoise.relative", "grid": {"from": 0, "to": 0.1, "steps": 3}}],
             "seeds": [1, 2], "record": ["final", "best", "flips"]}""";

    private static SweepException bad(String json) {
        return assertThrows(SweepException.class, () -> SweepSpec.fromJson(json, "bad.json", Profile.CI, false, null));
    }

    @Test void cellsAreTheProductOfTheAxesTimesTheSeedsInOrder() {
        SweepSpec s = SweepSpec.fromJson(JSON, "s.json", Profile.QUICK, false, null);
        assertEquals(Profile.CI, s.base().profile(), "the sweep's profile is the base's");
        assertEquals(2 * 3 * 2, s.cells().size());
        Cell c = s.cells().get(3);   // keep 0.3, noise 0.05, seed 2
        assertEquals("prune.keepFraction=0.3, weights.device.readNoise.relative=0.05, seed=2", c.describe());
        assertEquals(0.3, c.spec().prune().keepFraction());
        assertEquals(2, c.spec().seed());
        assertEquals(0.05, c.spec().with("seed", 2).weights() instanceof org.rramlab.experiment.WeightsSpec.Device d
                ? d.device().readNoise().relative() : Double.NaN, 1e-12);
        assertEquals(12, s.cells().stream().map(Cell::id).collect(Collectors.toSet()).size(), "every cell its own id");
        assertEquals(List.of("final", "best", "flips"), s.recordedColumns());
        assertEquals(List.of("prune.keepFraction", "weights.device.readNoise.relative", "seed"), s.coordinates());
    }

    @Test void idsAreStableUnderExtensionAndReordering() {
        SweepSpec s = SweepSpec.fromJson(JSON, "s.json", Profile.CI, false, null);
        SweepSpec again = SweepSpec.fromJson(s.toJson(), "again.json", Profile.QUICK, false, null);
        assertEquals(ids(s), ids(again), "JSON round trip: the same cells");
        assertEquals(s.identity(), again.identity());
        // more values and seeds, in another order: the old cells keep their ids
        SweepSpec extended = SweepSpec.over(s.base()).values("prune.keepFraction", 0.7, 0.5, 0.3)
                .grid("weights.device.readNoise.relative", 0, 0.1, 3).seeds(3, 2, 1).build();
        assertTrue(ids(extended).containsAll(ids(s)), "an extended sweep recomputes nothing that exists");
        assertEquals(27, extended.cells().size());
        // a value equal to the base's gives the base's cell: the id is what the spec changes, not where the cell sits
        ExperimentSpec base = Presets.get("fashion-mlp", Profile.CI);
        String plain = SweepSpec.over(base).build().cells().get(0).id();
        assertEquals(plain, SweepSpec.over(base).values("prune.keepFraction", base.prune().keepFraction()).build().cells().get(0).id());
        assertEquals(1, SweepSpec.over(base).build().cells().size(), "no axes: the base alone");
        assertNotEquals(plain, SweepSpec.over(base).seeds(2).build().cells().get(0).id());
    }

    @Test void rangesLogRangesAndRandomDrawsAreDeterministic() {
        ExperimentSpec base = Presets.get("fashion-mlp", Profile.CI);
        SweepSpec log = SweepSpec.over(base).logRange("training.learningRate", 1e-3, 1e-1, 3).build();
        List<Double> lrs = log.cells().stream().map(c -> c.spec().training().learningRate()).toList();
        assertEquals(List.of(1e-3, 1e-2, 1e-1), lrs.stream().map(v -> Math.round(v * 1e6) / 1e6).toList());
        SweepSpec r1 = SweepSpec.over(base).random("prune.keepFraction", 0.1, 0.9, 5, 42).build();
        SweepSpec r2 = SweepSpec.over(base).random("prune.keepFraction", 0.1, 0.9, 5, 42).build();
        List<Double> k1 = r1.cells().stream().map(c -> c.spec().prune().keepFraction()).toList();
        assertEquals(k1, r2.cells().stream().map(c -> c.spec().prune().keepFraction()).toList(), "same seed, same draws");
        assertTrue(k1.stream().allMatch(k -> k >= 0.1 && k < 0.9), k1.toString());
        assertEquals(5, Set.copyOf(k1).size());
        assertNotEquals(k1, SweepSpec.over(base).random("prune.keepFraction", 0.1, 0.9, 5, 43).build().cells().stream()
                .map(c -> c.spec().prune().keepFraction()).toList());
        // a whole-number field takes rounded grid points
        SweepSpec bits = SweepSpec.over(base).grid("mvm.base.adc.bits", 4, 8, 3).build();
        assertEquals(List.of(4, 6, 8), bits.cells().stream().map(c -> c.spec().mvm().base().adc().bits()).toList());
        SweepSpec seeds = SweepSpec.fromJson("{\"base\": \"fashion-mlp\", \"seeds\": {\"count\": 3, \"first\": 5}}", "s", Profile.CI, false, "x");
        assertEquals(List.of(5L, 6L, 7L), seeds.seeds());
        assertEquals("x", seeds.name());
    }

    @Test void badSweepsNameTheAxisPathAndValue() {
        var e = bad("{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"prune.keepFractio\", \"values\": [0.3]}]}");
        assertTrue(e.getMessage().startsWith("bad.json: axes[0].values[0]: axis prune.keepFractio"), e.getMessage());
        assertTrue(e.getMessage().contains("no such field"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"prune.keepFraction\", \"values\": []}]}");
        assertEquals("axes[0]", e.path());
        assertTrue(e.getMessage().contains("axis prune.keepFraction is empty"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"prune.keepFraction\", \"grid\": {\"from\": 0.1, \"to\": 0.5, \"steps\": 0}}]}");
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"prune.keepFraction\", \"values\": [0.3, 1.5]}]}");
        assertEquals("axes[0].values[1]", e.path());
        assertTrue(e.getMessage().contains("value 1.5") && e.getMessage().contains("keepFraction"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"training.epochs\", \"values\": [\"many\"]}]}");
        assertTrue(e.getMessage().contains("axes[0].values[0]: axis training.epochs, value many"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"training.epochs\", \"values\": [1.5]}]}");
        assertTrue(e.getMessage().contains("is a whole number"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"prune.keepFraction\", \"values\": [0.3]}, "
                + "{\"path\": \"prune.keepFraction\", \"values\": [0.5]}]}");
        assertEquals("axes[1].path", e.path());
        assertTrue(e.getMessage().contains("axes[0] (\"prune.keepFraction\") already varies this field"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"prune\", \"values\": [{\"keepFraction\": 0.3}]}, "
                + "{\"path\": \"prune.keepFraction\", \"values\": [0.5]}]}");
        assertTrue(e.getMessage().contains("it or a field inside it"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"seed\", \"values\": [1, 2]}]}");
        assertTrue(e.getMessage().contains("\"seeds\": [1, 2, 3]"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"training.learningRate\", \"log\": {\"from\": 0, \"to\": 1, \"steps\": 3}}]}");
        assertTrue(e.getMessage().contains("from > 0"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"axes\": [{\"path\": \"training.learningRate\", \"values\": [0.1], \"grid\": {}}]}");
        assertTrue(e.getMessage().contains("exactly one of"), e.getMessage());
        e = bad("{\"base\": \"fashion-nope\"}");
        assertEquals("base", e.path());
        assertTrue(e.getMessage().contains("fashion-nope"), e.getMessage());
        e = bad("{\"base\": {\"preset\": \"fashion-mlp\", \"prune\": {\"keepFraction\": 2}}}");
        assertTrue(e.getMessage().contains("prune.keepFraction"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"seeds\": []}");
        assertTrue(e.getMessage().contains("seeds: is empty"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"seeds\": [1, 1]}");
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"record\": [\"final\", \"speed\"]}");
        assertEquals("record[1]", e.path());
        e = bad("{\"base\": \"fashion-mlp\", \"axis\": []}");
        assertTrue(e.getMessage().contains("axis: unknown field"), e.getMessage());
        e = bad("{\"base\": \"fashion-mlp\", \"name\": \"a b\"}");
        assertEquals("name", e.path());
        e = bad("{\"base\": \"fashion-mlp\", \"axes\": [");
        assertTrue(e.getMessage().contains("not valid JSON at line 1"), e.getMessage());
    }

    private static List<String> ids(SweepSpec s) {
        return s.cells().stream().map(Cell::id).toList();
    }
}
