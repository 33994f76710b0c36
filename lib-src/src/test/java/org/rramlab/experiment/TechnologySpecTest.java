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

    @Test void aBadDriftIsNamedByItsPath() {
        var e = assertThrows(SpecJson.SpecException.class, () -> Presets.get("fashion-mlp", Profile.CI).with("weights.device", "pcm")
                .with("weights.device.drift.nu", -0.05));
        assertTrue(e.path().startsWith("weights.device.drift") && e.getMessage().contains("-0.05") && e.getMessage().contains(">= 0"), e.getMessage());
        e = assertThrows(SpecJson.SpecException.class, () -> Presets.get("fashion-mlp", Profile.CI).with("weights.device", "flash-memory"));
        assertTrue(e.getMessage().contains("flash-memory") && e.getMessage().contains("sonos"), e.getMessage());
    }
}
