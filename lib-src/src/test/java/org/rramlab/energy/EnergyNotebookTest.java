package org.rramlab.energy;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.notebook.NotebookCells;
import org.rramlab.experiment.Profile;
import org.rramlab.report.PaperClaims;
import org.rramlab.report.Result;
import org.rramlab.report.Results;

/** Notebook 06 under the ci profile: its layout, and every code cell run in JShell against this library. */
class EnergyNotebookTest {

    private static final Path NOTEBOOK = Paths.get("..", "notebooks", "06-energy-and-cost.ipynb");

    @TempDir
    Path results;

    @AfterEach
    void clearProperties() {
        System.clearProperty(Profile.PROPERTY);
        System.clearProperty(Results.PROPERTY_DIR);
        System.clearProperty(Results.PROPERTY_NOTEBOOK);
    }

    @Test
    void notebookHasTheProjectLayoutAndNoOutputs() throws Exception {
        JsonNode nb = NotebookCells.read(NOTEBOOK);
        assertEquals(4, nb.get("nbformat").asInt());
        assertEquals("java", nb.at("/metadata/kernelspec/name").asText());
        assertEquals("java", nb.at("/metadata/language_info/name").asText());
        List<String> code = NotebookCells.codeCells(nb);
        assertEquals("%jars ../lib-src/target/notebook-lib/", code.get(0));
        for (JsonNode cell : nb.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                assertEquals(0, cell.get("outputs").size(), "committed without outputs");
                assertTrue(cell.get("execution_count").isNull());
            }
        }
        assertTrue(code.stream().allMatch(c -> c.lines().count() <= 16), "cells stay short");
    }

    @Test
    void everyCellRunsAndTheEnergyClaimsAreRecordedFromTheModel() throws Exception {
        System.setProperty(Profile.PROPERTY, "ci");
        System.setProperty(Results.PROPERTY_DIR, results.toString());
        List<NotebookCells.Cell> cells = NotebookCells.run(NOTEBOOK);
        assertTrue(cells.get(1).lastValue().contains("profile ci"), "the profile cell shows the profile in words: " + cells.get(1).lastValue());

        Map<String, Result> recorded = Results.readAll(results);
        AnalogEnergyModel analog = new AnalogEnergyModel(AnalogMacro.taox40nm());
        AnalogEnergyModel asBuilt = new AnalogEnergyModel(AnalogMacro.testChipAsBuilt());
        DigitalEnergyModel gpu = new DigitalEnergyModel(DigitalProcessor.rtx4090());
        List<Workload> tasks = PaperWorkloads.all();
        List<List<PaperClaims.Claim>> claims = List.of(
                List.of(PaperClaims.FASHION_ENERGY, PaperClaims.FASHION_EFFICIENCY_ARXIV,
                        PaperClaims.FASHION_ENERGY_PESSIMISTIC),
                List.of(PaperClaims.SPOKEN_DIGITS_ENERGY, PaperClaims.SPOKEN_DIGITS_EFFICIENCY_ARXIV,
                        PaperClaims.SPOKEN_DIGITS_ENERGY_PESSIMISTIC),
                List.of(PaperClaims.DRIVE_ENERGY, PaperClaims.DRIVE_EFFICIENCY_ARXIV,
                        PaperClaims.DRIVE_ENERGY_PESSIMISTIC));
        assertEquals(9, recorded.size());
        for (int i = 0; i < tasks.size(); i++) {
            Workload w = tasks.get(i);
            double ours = analog.inference(w).reductionVersus(gpu.inference(w));
            double pessimistic = asBuilt.inference(w).reductionVersus(gpu.inferenceLowerBound(w));
            List<Double> expected = List.of(ours, ours, pessimistic);
            for (int k = 0; k < 3; k++) {
                Result r = recorded.get(claims.get(i).get(k).id());
                assertEquals(expected.get(k), r.value(), 1e-9, r.claimId());
                assertEquals("ci", r.profile());
                assertEquals("06-energy-and-cost", r.notebook());
            }
        }
    }
}
