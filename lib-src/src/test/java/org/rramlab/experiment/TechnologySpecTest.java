package org.rramlab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.rramlab.device.Technologies;
import org.rramlab.device.Technology;
import org.rramlab.layers.Layers;

/** Choosing a memory technology in a spec: by name, through a JSON path (what sweeps set), and round trips. */
class TechnologySpecTest {

    @Test void aTechnologyIsChosenByNameAndRoundTrips() {
        ExperimentSpec base = Presets.get("fashion-mlp", Profile.CI);
        for (Technology t : Technologies.all()) {
            ExperimentSpec spec = base.with("weights.device", t.key());
            assertEquals(t.model(), ((WeightsSpec.Device) spec.weights()).device(), t.key());
            assertEquals(spec, ExperimentSpec.fromJson(spec.toJson()), t.key() + ": whole spec");
            assertEquals(spec, ExperimentSpec.fromJson(spec.toJsonDifferences()), t.key() + ": differences only");
            assertEquals(t.model(), Layers.tiles(Experiment.network(spec)).get(0).device());
        }
        ExperimentSpec json = ExperimentSpec.fromJson("{\"preset\": \"fashion-mlp\", \"profile\": \"ci\", \"weights\": {\"device\": \"pcm-gst\"},"
                + " \"baseline\": null}");
        assertEquals(Technologies.pcmGst().model(), ((WeightsSpec.Device) json.weights()).device());
        ExperimentSpec nu = base.with("weights.device", "hfox").with("weights.device.drift.readNoiseTReadSeconds", 1e-7);
        assertEquals(1e-7, ((WeightsSpec.Device) nu.weights()).device().drift().readNoiseTReadSeconds());
    }

    @Test void aBadDriftIsNamedByItsPath() throws Exception {
        var e = assertThrows(SpecJson.SpecException.class, () -> Presets.get("fashion-mlp", Profile.CI).with("weights.device", "pcm")
                .with("weights.device.drift.nu", -0.05));
        assertTrue(e.path().startsWith("weights.device.drift") && e.getMessage().contains("-0.05") && e.getMessage().contains(">= 0"), e.getMessage());
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Presets.get("fashion-mlp", Profile.CI).with("weights.device", "hfox").toJson());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("weights").get("device").get("switching")).remove("resetState");
        // weights of a new kind are given whole (nothing is taken from the preset): a device without its RESET state is refused
        String noReset = "{\"preset\": \"fashion-software\", \"profile\": \"ci\", \"weights\": " + tree.get("weights") + "}";
        e = assertThrows(SpecJson.SpecException.class, () -> SpecJson.read(noReset, "tech.json", Profile.CI));
        assertTrue(e.getMessage().contains("tech.json") && e.getMessage().contains("weights.device.switching.resetState")
                && e.getMessage().contains("missing"), e.getMessage());
        e = assertThrows(SpecJson.SpecException.class, () -> Presets.get("fashion-mlp", Profile.CI).with("weights.device", "flash-memory"));
        assertTrue(e.getMessage().contains("flash-memory") && e.getMessage().contains("sonos"), e.getMessage());
    }
}
