package org.rramlab.study;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;
import org.rramlab.notebook.NotebookCells;
import tech.tablesaw.api.Table;

/** The paper-profile estimate plans what the notebooks run, and its hours are its measured steps multiplied out. */
class PaperDurationsTest {

    private static final Map<String, String> NOTEBOOKS = Map.of("03", "03-fashion-mnist.ipynb", "04", "04-spoken-digits.ipynb",
            "05", "05-retina-segmentation.ipynb", "07", "07-sweeps.ipynb", "08", "08-memory-technologies.ipynb", "09", "09-scaling-up.ipynb");

    @Test void thePlanNamesThePresetsEachNotebookRuns() throws Exception {
        Map<String, TreeSet<String>> planned = new TreeMap<>();
        for (PaperDurations.Planned p : PaperDurations.plan()) planned.computeIfAbsent(p.notebook(), k -> new TreeSet<>()).add(p.preset());
        Pattern preset = Pattern.compile("(?:Lab\\.preset|Presets\\.get)\\(\\\\\"([a-z0-9-]+)\\\\\"");
        for (var e : NOTEBOOKS.entrySet()) {
            String text = Files.readString(NotebookCells.locate(e.getValue()));
            TreeSet<String> named = new TreeSet<>();
            Matcher m = preset.matcher(text);
            while (m.find()) named.add(m.group(1));
            assertEquals(named, planned.get(e.getKey()), "notebook " + e.getValue() + ": the presets its cells run");
        }
        assertEquals(new TreeSet<>(NOTEBOOKS.keySet()), new TreeSet<>(planned.keySet()), "every notebook that trains, and only those");
        for (PaperDurations.Planned p : PaperDurations.plan()) {
            var size = PaperDurations.sizes(p.change().apply(Presets.get(p.preset(), Profile.PAPER)));
            assertTrue(size.train() > 0 && size.test() > 0, p.what());
        }
    }

    @Test void theHoursAreTheMeasuredStepsMultipliedOut() {
        List<PaperDurations.Planned> plan = new ArrayList<>();
        for (PaperDurations.Planned p : PaperDurations.plan()) if (p.preset().equals("spoken-digits-software")) plan.add(p);
        Table t = PaperDurations.estimate(plan, 1);
        assertEquals(1, t.rowCount());
        var spec = Presets.get("spoken-digits-software", Profile.PAPER);
        assertEquals(spec.training().epochs(), t.intColumn("epochs").get(0));
        assertEquals((int) Math.ceil(2_100 / 30.0), t.intColumn("steps per epoch").get(0), "FSDD's 2,100 training recordings in batches of 30");
        double step = t.doubleColumn("s per step (measured)").get(0), hours = t.doubleColumn("hours (estimate)").get(0);
        double training = spec.training().epochs() * 70 * step / 3600;
        assertTrue(step > 0 && hours >= training && hours < 2 * training, "training " + training + " h plus its evaluation passes: " + hours + " h");
        assertTrue(PaperDurations.summary(t).contains("notebook 04"));
        assertEquals("12 min", PaperDurations.duration(0.2));
        assertEquals("3.0 days", PaperDurations.duration(72));
    }
}
