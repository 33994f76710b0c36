package org.rramlab.report;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.experiment.Profile;

class ReproductionSummaryTest {

    @TempDir
    Path tmp;

    @Test
    void everyClaimGetsARowAndOnlyRecordedOnesHaveOurFigure() throws IOException {
        Path results = tmp.resolve("results");
        Results.record(results, new Result("fashion.energy-reduction", 99.5, "%", "board estimate", "ci",
                "06-energy-and-cost", "2026-01-01T00:00:00Z"));
        Results.record(results, new Result("fsdd.energy-reduction", 60, "%", "", "quick", "06-energy-and-cost",
                "2026-01-01T00:00:00Z"));
        Results.record(results, new Result("extra.figure", 1, "x", "<b>bold</b> & co", "ci", "nb",
                "2026-01-01T00:00:00Z"));

        List<Path> written = ReproductionSummary.write(results, tmp.resolve("out"), Profile.CI);
        assertEquals(List.of(tmp.resolve("out/summary.csv"), tmp.resolve("out/summary.html")), written);

        List<List<String>> csv = Csv.parse(Files.readString(written.get(0)));
        assertEquals(1 + PaperClaims.ALL.size() + 1, csv.size(), "header, one row per claim, one extra");
        List<String> fashion = find(csv, "fashion.energy-reduction");
        assertEquals("78.30", fashion.get(3));
        assertEquals("99.50", fashion.get(4));
        assertEquals("21.20", fashion.get(6), "difference = ours - paper");
        assertEquals("ok", fashion.get(7));
        assertTrue(find(csv, "fsdd.energy-reduction").get(7).contains("recorded under profile quick"));
        List<String> notRun = find(csv, "drive.pr-auc-gain");
        assertEquals("not run", notRun.get(7));
        assertEquals("not run", notRun.get(4), "no figure without a recorded result");
        assertEquals("", notRun.get(6));
        assertEquals("(not a catalogued claim)", find(csv, "extra.figure").get(2));

        String html = Files.readString(written.get(1));
        assertTrue(html.contains("<style>") && !html.contains("<script") && !html.contains("http"), "self-contained");
        assertTrue(html.contains("not run") && html.contains("99.50") && html.contains("How to read it"));
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; co") && !html.contains("<b>bold"), "notes escaped");
    }

    @Test
    void emptyResultsGiveAllNotRun() {
        List<ReproductionSummary.Row> rows = ReproductionSummary.rows(tmp.resolve("none"), Profile.QUICK);
        assertEquals(PaperClaims.ALL.size(), rows.size());
        assertTrue(rows.stream().allMatch(r -> r.status().equals("not run") && r.ours().equals("not run")
                && r.difference().isEmpty()));
        assertEquals(rows.size(), ReproductionSummary.table(rows).rowCount());
    }

    @Test
    void mainTakesThreeArgumentsAndWritesTheFiles() {
        ReproductionSummary.main(new String[] {tmp.resolve("r").toString(), tmp.resolve("o").toString(), "ci"});
        assertTrue(Files.isRegularFile(tmp.resolve("o/summary.html")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReproductionSummary.main(new String[] {"a", "b", "fast"}));
        assertTrue(e.getMessage().contains("'fast'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReproductionSummary.main(new String[] {"a"}));
    }

    @Test
    void catalogueIdsAreUniqueAndHeadlineFiguresAreThePapers() {
        assertEquals(PaperClaims.ALL.size(), PaperClaims.ALL.stream().map(PaperClaims.Claim::id).distinct().count());
        assertEquals(17.3, PaperClaims.FASHION_ACCURACY_GAIN.paper());
        assertEquals(99.7, PaperClaims.DRIVE_ENERGY.paper());
        assertEquals(51.2, PaperClaims.SPOKEN_DIGITS_EFFICIENCY_ARXIV.paper());
    }

    private static List<String> find(List<List<String>> csv, String id) {
        return csv.stream().filter(r -> r.get(0).equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }
}
