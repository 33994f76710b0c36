package org.rramlab.report;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.experiment.Profile;
import org.rramlab.report.ReproductionSummary.Verdict;

class ReproductionSummaryTest {

    @TempDir
    Path tmp;

    private static final String AT = "2026-01-01T00:00:00Z";

    @Test
    void everyClaimGetsARowAndOnlyRecordedOnesHaveOurFigure() throws IOException {
        Path results = tmp.resolve("results");
        Results.record(results, new Result("fashion.energy-reduction", 75.5, "%", "board estimate", "ci", "06-energy-and-cost", AT));
        Results.record(results, new Result("fsdd.energy-reduction", 60, "%", "", "quick", "06-energy-and-cost", AT));
        Results.record(results, new Result("extra.figure", 1, "x", "<b>bold</b> & co", "ci", "nb", AT));
        Results.record(results, new Result("fashion.script-mask-flips", 304088, "flips", "", "ci", "03-fashion-mnist", AT));
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("06-energy-and-cost.html"), "<html></html>");

        List<Path> written = ReproductionSummary.write(results, out, Profile.CI);
        assertEquals(List.of(out.resolve("summary.csv"), out.resolve("summary.html")), written);

        List<List<String>> csv = Csv.parse(Files.readString(written.get(0)));
        assertEquals(1 + PaperClaims.ALL.size() + 1, csv.size(), "header, one row per claim, one extra");
        List<String> fashion = find(csv, "fashion.energy-reduction");
        assertEquals(List.of("78.3", "75.5", "%", "-2.8"), fashion.subList(4, 8), "numbers plain in the CSV, difference = ours - paper");
        assertEquals("agrees in direction and size", fashion.get(8));
        List<String> fsdd = find(csv, "fsdd.energy-reduction");
        assertEquals("not comparable", fsdd.get(8));
        assertTrue(fsdd.get(9).contains("recorded under quick") && fsdd.get(9).contains("(as it stands: agrees in direction)"), fsdd.get(9));
        List<String> notRun = find(csv, "drive.pr-auc-gain");
        assertEquals("not run", notRun.get(8));
        assertEquals("", notRun.get(5), "no figure without a recorded result");
        assertEquals("(not a catalogued claim)", find(csv, "extra.figure").get(2));

        String html = Files.readString(written.get(1));
        assertTrue(html.contains("<style>") && !html.contains("<script") && !html.contains("http"), "self-contained");
        assertTrue(html.contains("not run") && html.contains("75.5 %") && html.contains("How to read it"));
        assertTrue(html.contains("304,088 flips") && !html.contains("304088.00"), "counts with separators");
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; co") && !html.contains("<b>bold"), "notes escaped");
        assertTrue(html.contains("<a href=\"06-energy-and-cost.html\">06-energy-and-cost (ci)</a>"), "links to the executed notebook");
        assertFalse(html.contains("href=\"03-fashion-mnist.html\""), "no link to an export that is not there");
        assertFalse(html.contains(results.toAbsolutePath().toString()), "no build paths");
        assertTrue(html.contains("data:image/png;base64,"), "the paper-vs-ours chart");
        assertTrue(html.indexOf("<h2>Context</h2>") > html.indexOf("accuracy gain of pruning"), "context rows in their own table, after the claims");
        assertTrue(html.indexOf("fashion.script-mask-flips") < 0 || html.indexOf("304,088") > html.indexOf("<h2>Context</h2>"));
    }

    @Test
    void verdictsAreComputedFromTheFiguresAndTheCaveats() {
        assertEquals(Verdict.AGREES_IN_DIRECTION_AND_SIZE, Verdict.compare(17.3, 15.0));
        assertEquals(Verdict.AGREES_IN_DIRECTION, Verdict.compare(17.3, 5.4), "the issue's example: 5.4 vs 17.3 is not 'ok'");
        assertEquals(Verdict.DIFFERS, Verdict.compare(78.3, -26), "the issue's example: -26 % vs 78.3 %");
        assertEquals(Verdict.DIFFERS, Verdict.compare(2.0, 0));
        assertEquals(Verdict.AGREES_IN_DIRECTION, Verdict.compare(9.8, 40.8), "far larger: direction only");
        assertEquals(Verdict.AGREES_IN_DIRECTION, Verdict.compare(85.57, 71.8, "%"), "a level 13.8 points below is not the same size");
        assertEquals(Verdict.AGREES_IN_DIRECTION_AND_SIZE, Verdict.compare(78.3, 75.5, "%"));
        assertEquals(Verdict.AGREES_IN_DIRECTION_AND_SIZE, Verdict.compare(2.0, 3.5, "percentage points"), "small gains: 2 points either way");

        Path results = tmp.resolve("r");
        Results.record(results, new Result("drive.pr-auc-gain", 12.0, "percentage points", "", "quick", "05-retina-segmentation", AT,
                List.of("synthetic data", "shorter run: quick profile, 4 of 100 epochs")));
        Results.record(results, new Result("fashion.accuracy-gain", 5.4, "percentage points", "", "quick", "03-fashion-mnist", AT));
        Results.record(results, new Result("fashion.energy-reduction", -26, "%", "", "quick", "06-energy-and-cost", AT));
        Results.record(results, new Result("drive.energy-reduction", 98.0, "%", "", "quick", "06-energy-and-cost", AT));
        List<ReproductionSummary.Row> rows = ReproductionSummary.rows(results, Profile.QUICK);
        ReproductionSummary.Row drive = row(rows, "drive.pr-auc-gain");
        assertEquals(Verdict.NOT_COMPARABLE, drive.verdict());
        assertEquals("synthetic data; shorter run: quick profile, 4 of 100 epochs (as it stands: agrees in direction and size)", drive.why());
        assertEquals("+12 points", drive.ours());
        assertEquals("+2.2 points", drive.difference());
        assertEquals(Verdict.AGREES_IN_DIRECTION, row(rows, "fashion.accuracy-gain").verdict());
        assertEquals("−11.9 points", row(rows, "fashion.accuracy-gain").difference());
        assertEquals(Verdict.DIFFERS, row(rows, "fashion.energy-reduction").verdict());
        assertEquals(Verdict.AGREES_IN_DIRECTION_AND_SIZE, row(rows, "drive.energy-reduction").verdict());

        List<String> head = ReproductionSummary.headline(rows);
        assertEquals(2, head.size());
        assertTrue(head.get(0).contains("1 agrees in direction and size") && head.get(0).contains("1 agrees in direction,")
                && head.get(0).contains("1 differs") && head.get(0).contains("1 not comparable"), head.get(0));
        assertTrue(head.get(1).startsWith("Matches: DRIVE energy reduction.") && head.get(1).contains("Does not match: Fashion-MNIST energy reduction.")
                && head.get(1).contains("Not comparable (synthetic data, shorter run): DRIVE PR AUC gain"), head.get(1));
    }

    @Test
    void resultFilesWithoutCaveatsStillRead() throws IOException {
        Path dir = tmp.resolve("old");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fashion.accuracy-gain.csv"),
                "claim_id,value,unit,note,profile,notebook,recorded_at\nfashion.accuracy-gain,16,percentage points,n,paper,03,t\n");
        Result r = Results.readAll(dir).get("fashion.accuracy-gain");
        assertEquals(List.of(), r.caveats());
        assertEquals(Verdict.AGREES_IN_DIRECTION_AND_SIZE, row(ReproductionSummary.rows(dir, Profile.PAPER), "fashion.accuracy-gain").verdict());
        assertThrows(IllegalArgumentException.class, () -> new Result("a.b", 1, "%", "", "ci", "n", AT, List.of("x; y")));
    }

    @Test
    void emptyResultsGiveAllNotRun() {
        List<ReproductionSummary.Row> rows = ReproductionSummary.rows(tmp.resolve("none"), Profile.QUICK);
        assertEquals(PaperClaims.ALL.size(), rows.size());
        assertTrue(rows.stream().allMatch(r -> r.verdict() == Verdict.NOT_RUN && r.ours().equals("not run")
                && r.difference().isEmpty()));
        assertEquals(rows.size(), ReproductionSummary.table(rows).rowCount());
        assertNull(ReproductionSummary.chart(rows), "no chart without figures");
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

    private static ReproductionSummary.Row row(List<ReproductionSummary.Row> rows, String id) {
        return rows.stream().filter(r -> r.claimId().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private static List<String> find(List<List<String>> csv, String id) {
        return csv.stream().filter(r -> r.get(0).equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }
}
