package org.rramlab.report;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rramlab.experiment.Profile;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty(Results.PROPERTY_DIR);
        System.clearProperty(Results.PROPERTY_NOTEBOOK);
        System.clearProperty(Profile.PROPERTY);
    }

    @Test
    void staticRecordUsesTheConfiguredFolderNotebookAndProfile() {
        System.setProperty(Results.PROPERTY_DIR, dir.toString());
        System.setProperty(Profile.PROPERTY, "paper");
        Results.setNotebook("01-fashion");
        Path f = Results.record("fashion.accuracy-gain", 12.5, "percentage points", "best epoch");
        assertEquals(dir.resolve("fashion.accuracy-gain.csv"), f);
        Result r = Results.find("fashion.accuracy-gain").orElseThrow();
        assertEquals(12.5, r.value());
        assertEquals("paper", r.profile());
        assertEquals("01-fashion", r.notebook());
        assertTrue(Results.find("drive.pr-auc-gain").isEmpty());
    }

    private static Result result(String id, double v, String note) {
        return new Result(id, v, "%", note, "ci", "06-energy-and-cost", "2026-01-01T00:00:00Z");
    }

    @Test
    void recordWritesOneFileThatReadsBackExactly() throws IOException {
        Result r = result("fashion.energy-reduction", 97.123456789, "note with, comma \"quotes\"\nand a newline");
        Path f = Results.record(dir.resolve("results"), r);
        assertEquals(dir.resolve("results").resolve("fashion.energy-reduction.csv"), f);
        assertEquals(r, Results.read(f));
        try (var files = Files.list(dir.resolve("results"))) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void recordingAgainReplacesTheEarlierFigure() {
        Results.record(dir, result("a.b", 1, ""));
        Results.record(dir, result("a.b", 2, ""));
        Map<String, Result> all = Results.readAll(dir);
        assertEquals(1, all.size());
        assertEquals(2, all.get("a.b").value());
    }

    @Test
    void leftoverTemporaryFilesAreIgnored() throws IOException {
        Files.writeString(dir.resolve(".x-123.tmp"), "half a ro");
        Results.record(dir, result("x", 3, ""));
        assertEquals(List.of("x"), List.copyOf(Results.readAll(dir).keySet()));
    }

    @Test
    void claimIdMustBeAFileName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> result("../escape", 1, ""));
        assertTrue(e.getMessage().contains("claimId: '../escape'"), e.getMessage());
    }

    @Test
    void malformedFileIsNamedInTheError() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "claim_id,value\nbad,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Results.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void missingFolderReadsAsNoResults() {
        assertTrue(Results.readAll(dir.resolve("absent")).isEmpty());
    }

    @Test
    void nonFiniteValueIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> result("a", Double.NaN, ""));
    }
}
