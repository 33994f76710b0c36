package org.rramlab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.crossbar.Adc;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.DeviceModel;

/** Specs as data: presets, JSON both ways, differences, paths, and every kind of bad input named by its JSON path. */
class ExperimentSpecTest {

    private static SpecJson.SpecException bad(String json) {
        return assertThrows(SpecJson.SpecException.class, () -> SpecJson.read(json, "test.json", Profile.CI));
    }

    @Test void everyPresetRoundTripsThroughJsonAtEveryProfile() {
        for (String name : Presets.names()) {
            for (Profile p : Profile.values()) {
                ExperimentSpec spec = Presets.get(name, p);
                assertEquals(spec, SpecJson.read(spec.toJson(), name, Profile.QUICK), name + " " + p + ": whole JSON");
                assertEquals(spec, SpecJson.read(spec.toJsonDifferences(), name, Profile.QUICK), name + " " + p + ": preset + differences");
                assertTrue(spec.differences().isEmpty(), name + ": a preset differs from nothing");
            }
        }
        assertEquals(3, Presets.names().stream().filter(n -> n.equals("fashion") || n.equals("spoken-digits") || n.equals("retina")).count(),
                "the paper's three experiments are presets");
    }

    @Test void aSpecNamesOnlyWhatDiffersFromItsPreset() {
        ExperimentSpec spec = Presets.get("fashion", Profile.QUICK).withKeep(0.3).withDevice(DeviceModel.pcmLike())
                .with("mvm.base.adc.bits", 6).withSeed(7);
        String json = spec.toJsonDifferences();
        assertTrue(json.contains("\"keepFraction\" : 0.3") && json.contains("\"bits\" : 6") && json.contains("\"seed\" : 7"), json);
        assertFalse(json.contains("learningRate"), "unchanged fields are left out: " + json);
        assertEquals(spec, ExperimentSpec.fromJson(json));
        assertTrue(spec.toString().contains("prune.keepFraction=0.3"), spec.toString());
        ExperimentSpec fromFile = SpecJson.read("{\"preset\": \"fashion\", \"profile\": \"quick\", \"prune\": {\"keepFraction\": 0.3},"
                + " \"weights\": {\"device\": \"pcm\"}, \"mvm\": {\"base\": {\"adc\": {\"bits\": 6}}}, \"seed\": 7}", "f", Profile.CI);
        assertEquals(spec, fromFile, "a device by preset name, nested objects merged field by field");
        assertEquals(Profile.CI, SpecJson.read("{\"preset\": \"retina\"}", "f", Profile.CI).profile(), "no profile: the default");
    }

    @Test void perLayerChainsAndKindsReplaceWhole() {
        ExperimentSpec spec = SpecJson.read("{\"preset\": \"fashion\", \"mvm\": {\"layers\": {\"fc2\": {\"dac\": {\"enabled\": true, \"bits\": 8,"
                + " \"range\": \"MIN_MAX\", \"fullScale\": 1}, \"readNoise\": false, \"trainingRead\": \"FROZEN\", \"sampling\": \"FRESH\","
                + " \"irDrop\": {\"enabled\": false, \"segmentOhm\": 0}, \"adc\": {\"enabled\": true, \"bits\": 8, \"range\": \"MIN_MAX\", \"fullScale\": 1}}}}}",
                "f", Profile.CI);
        assertEquals(8, spec.mvm().forLayer("fc2").adc().bits());
        assertEquals(MvmConfig.paper(), spec.mvm().forLayer("fc1"));
        ExperimentSpec software = SpecJson.read("{\"preset\": \"fashion\", \"weights\": {\"kind\": \"software\", \"distribution\": \"GAUSSIAN\"}}",
                "f", Profile.CI);
        assertInstanceOf(WeightsSpec.Software.class, software.weights(), "another kind replaces the device weights whole");
    }

    @Test void badInputNamesThePathTheValueAndWhatWasExpected() {
        var e = bad("{\"preset\": \"fashion\", \"prune\": {\"keepFractoin\": 0.3}}");
        assertEquals("prune.keepFractoin", e.path());
        assertTrue(e.getMessage().contains("test.json: prune.keepFractoin: unknown field") && e.getMessage().contains("keepFraction"), e.getMessage());
        e = bad("{\"preset\": \"fashion\", \"prune\": {\"keepFraction\": 1.5}}");
        assertEquals("prune.keepFraction", e.path());
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("(0, 1]"), e.getMessage());
        e = bad("{\"preset\": \"fashion\", \"training\": {\"epochs\": \"many\"}}");
        assertEquals("training.epochs", e.path());
        e = bad("{\"preset\": \"fashion\", \"mvm\": {\"base\": {\"adc\": {\"bits\": 30}}}}");
        assertTrue(e.path().startsWith("mvm.base.adc") && e.getMessage().contains("adc.bits = 30") && e.getMessage().contains("1..24"), e.getMessage());
        e = bad("{\"preset\": \"fashion-software\", \"weights\": {\"kind\": \"device\"}}");
        assertEquals("weights.device", e.path(), "a kind given anew must be given whole: " + e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        e = bad("{\"preset\": \"fashion\", \"weights\": {\"kind\": \"quantum\"}}");
        assertTrue(e.path().equals("weights.kind") && e.getMessage().contains("[trained, software, device]"), e.getMessage());
        e = bad("{\"preset\": \"fashon\"}");
        assertTrue(e.path().equals("preset") && e.getMessage().contains("expected one of [fashion"), e.getMessage());
        e = bad("{\"prune\": {\"keepFraction\": 0.3}}");
        assertTrue(e.path().equals("preset") && e.getMessage().contains("missing"), e.getMessage());
        e = bad("{\"preset\": \"fashion\", \"task\": {\"dataDir\": \"/no/such/folder\"}}");
        assertTrue(e.path().equals("task.dataDir") && e.getMessage().contains("no such folder"), e.getMessage());
        e = bad("{\"preset\": \"fashion\", \"weights\": {\"device\": \"flash\"}}");
        assertTrue(e.path().equals("weights.device") && e.getMessage().contains("flash"), e.getMessage());
        e = bad("{\"preset\": \"fashion\", \"network\": {\"kind\": \"crnn\", \"inputBits\": 3, \"quantisation\": \"MIN_MAX\"}}");
        assertTrue(e.getMessage().contains("crnn network takes the spoken-digits task"), e.getMessage());
        e = bad("{\"preset\": \"fashion\",");
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        var layer = assertThrows(SpecJson.SpecException.class, () -> Experiment.network(Presets.get("fashion", Profile.CI)
                .with("mvm.layers", java.util.Map.of("fc9", MvmConfig.ideal()))));
        assertTrue(layer.path().equals("mvm.layers.fc9") && layer.getMessage().contains("[conv1, conv2, fc1, fc2]"), layer.getMessage());
        e = bad("{\"preset\": \"fashion\", \"baseline\": {\"sigmas\": [0.2]}}");
        assertTrue(e.path().equals("baseline.reference") && e.getMessage().contains("swept points"), e.getMessage());
        var path = assertThrows(SpecJson.SpecException.class, () -> Presets.get("fashion", Profile.CI).with("prune.keep", 0.3));
        assertTrue(path.getMessage().contains("prune.keep") && path.getMessage().contains("keepFraction"), path.getMessage());
    }

    @Test void aSpecFileIsReadWithItsPath(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mine.json");
        Files.writeString(f, "{\"preset\": \"spoken-digits\", \"training\": {\"epochs\": 0}}");
        var e = assertThrows(SpecJson.SpecException.class, () -> SpecJson.read(f, Profile.CI));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("epochs"), e.getMessage());
    }

    @Test void everySeedDerivesFromTheSpecsSeed() {
        Seeds a = new Seeds(1), b = new Seeds(2);
        assertNotEquals(a.model(), a.macro());
        assertNotEquals(a.shuffle(), a.split());
        assertNotEquals(a.model(), b.model());
        assertEquals(a.baseline(3), new Seeds(1).baseline(3));
        assertTrue(a.model() >= 0 && a.baseline(9) >= 0);
    }
}
