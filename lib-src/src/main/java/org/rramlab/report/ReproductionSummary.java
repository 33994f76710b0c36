package org.rramlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rramlab.util.AtomicFiles;
import org.rramlab.Version;
import org.rramlab.experiment.Profile;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The one-page reproduction report: every claim of the paper ({@link PaperClaims}) beside the figure rramlab
 * computed for it in the executed notebooks ({@link Results}), and the difference. A claim no notebook recorded
 * shows "not run": no number here is a constant.
 *
 * <p>How to read it: <b>paper</b> is the published figure, <b>ours</b> the figure recorded by the notebook named in
 * the row, under the profile named in the row (ci runs are tiny and not expected to match), <b>difference</b> is ours
 * minus paper in the claim's unit. Results recorded under another profile than the one the summary was asked for are
 * flagged. Reference rows (context: the authors' scripts, a pessimistic reading of the energy claims) are shaded.
 * Results for ids the catalogue does not know are listed at the end.
 *
 * <p>Command line: {@code ReproductionSummary <resultsDir> <outDir> <profile>} writes {@code outDir/summary.csv} and
 * {@code outDir/summary.html}.
 */
public final class ReproductionSummary {

    /** One line of the summary; {@code ours} reads "not run" and {@code difference} is empty when not run. */
    public record Row(String claimId, String task, String claim, String paper, String ours, String unit,
                      String difference, String status, String profile, String notebook, String recordedAt,
                      String note, String source) {}

    static final String NOT_RUN = "not run";
    private static final List<String> CSV_HEADER = List.of("claim_id", "task", "claim", "paper", "ours", "unit",
            "difference", "status", "profile", "notebook", "recorded_at", "note", "source");

    private ReproductionSummary() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("arguments: " + List.of(args)
                    + ", expected <resultsDir> <outDir> <profile (ci|quick|paper)>");
        }
        Profile profile = Profile.parse(args[2], "argument profile");
        List<Path> written = write(Paths.get(args[0]), Paths.get(args[1]), profile);
        written.forEach(p -> System.out.println("wrote " + p));
    }

    /** Builds the rows from the results in {@code resultsDir}, for a run under {@code profile}. */
    public static List<Row> rows(Path resultsDir, Profile profile) {
        Map<String, Result> results = Results.readAll(resultsDir);
        List<Row> rows = new ArrayList<>();
        for (PaperClaims.Claim c : PaperClaims.ALL) {
            rows.add(row(c.id(), c.task(), c.description() + (c.reference() ? " (reference)" : ""),
                    Double.isNaN(c.paper()) ? Optional.empty() : Optional.of(c.paper()), c.unit(), c.source(),   // NaN: no figure public
                    Optional.ofNullable(results.get(c.id())), profile));
        }
        for (Result r : results.values()) {
            if (PaperClaims.byId(r.claimId()).isEmpty()) {
                rows.add(row(r.claimId(), "", "(not a catalogued claim)", Optional.empty(), r.unit(), "",
                        Optional.of(r), profile));
            }
        }
        return rows;
    }

    /** Writes {@code summary.csv} and {@code summary.html} into {@code outDir}; returns the two files. */
    public static List<Path> write(Path resultsDir, Path outDir, Profile profile) {
        List<Row> rows = rows(resultsDir, profile);
        StringBuilder csv = new StringBuilder(Csv.line(CSV_HEADER));
        for (Row r : rows) {
            csv.append(Csv.line(List.of(r.claimId(), r.task(), r.claim(), r.paper(), r.ours(), r.unit(),
                    r.difference(), r.status(), r.profile(), r.notebook(), r.recordedAt(), r.note(), r.source())));
        }
        try {
            Files.createDirectories(outDir);
            Path csvFile = AtomicFiles.writeString(outDir.resolve("summary.csv"), csv.toString());
            Path html = AtomicFiles.writeString(outDir.resolve("summary.html"), html(rows, profile, resultsDir));
            return List.of(csvFile, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary into " + outDir.toAbsolutePath(), e);
        }
    }

    /** The rows as a Tablesaw table, for a notebook. */
    public static Table table(List<Row> rows) {
        return Table.create("Paper vs. rramlab",
                StringColumn.create("claim", rows.stream().map(Row::claimId)),
                StringColumn.create("task", rows.stream().map(Row::task)),
                StringColumn.create("paper", rows.stream().map(Row::paper)),
                StringColumn.create("ours", rows.stream().map(Row::ours)),
                StringColumn.create("unit", rows.stream().map(Row::unit)),
                StringColumn.create("difference", rows.stream().map(Row::difference)),
                StringColumn.create("profile", rows.stream().map(Row::profile)));
    }

    private static Row row(String id, String task, String claim, Optional<Double> paper, String unit, String source,
                           Optional<Result> result, Profile profile) {
        String paperText = paper.map(ReproductionSummary::format).orElse("");
        if (result.isEmpty()) {
            return new Row(id, task, claim, paperText, NOT_RUN, unit, "", NOT_RUN, "", "", "", "", source);
        }
        Result r = result.get();
        String diff = paper.map(p -> format(r.value() - p)).orElse("");
        String status = r.profile().equals(profile.lowerName()) ? "ok"
                : "recorded under profile " + r.profile() + ", not " + profile.lowerName();
        String note = r.note() + (!unit.equals(r.unit()) ? " [recorded unit '" + r.unit() + "']" : "");
        return new Row(id, task, claim, paperText, format(r.value()), unit, diff, status, r.profile(), r.notebook(),
                r.recordedAt(), note, source);
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String html(List<Row> rows, Profile profile, Path resultsDir) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>rramlab reproduction summary</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:80em}\n")
                .append("table{border-collapse:collapse;font-size:0.9em}\n")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\n")
                .append("th{background:#eee}td.num{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("tr.notrun td{color:#888}tr.ref td{background:#f8f8f8}tr.warn td.status{color:#b00}\n")
                .append("</style></head><body>\n")
                .append("<h1>Pruning random resistive memory: paper vs. rramlab</h1>\n<p>")
                .append(esc("Profile " + profile.lowerName() + ", rramlab " + Version.VERSION + ", results from "
                        + resultsDir.toAbsolutePath().normalize() + ", written "
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "."))
                .append("</p>\n<p><b>How to read it.</b> <i>paper</i> is the published figure; <i>ours</i> is what ")
                .append("the notebook named in the row computed in this run, under the profile named in the row ")
                .append("(ci runs are tiny: they check the pipeline, not the science); <i>difference</i> is ours ")
                .append("minus paper, in the claim's unit. <i>not run</i>: no notebook recorded that claim. ")
                .append("Reference rows give context: what the authors' own scripts gave when rramlab ran them, and ")
                .append("a pessimistic second reading of each energy claim.</p>\n")
                .append("<table>\n<tr>");
        for (String c : List.of("claim", "task", "what is claimed", "paper", "ours", "unit", "difference", "status",
                "profile", "notebook", "note", "source")) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (Row r : rows) {
            String cls = r.status().equals(NOT_RUN) ? "notrun" : r.status().equals("ok") ? "" : "warn";
            if (r.claim().endsWith("(reference)")) {
                cls += " ref";
            }
            h.append(cls.isBlank() ? "<tr>" : "<tr class=\"" + cls.trim() + "\">")
                    .append(td(r.claimId())).append(td(r.task())).append(td(r.claim()))
                    .append(num(r.paper())).append(num(r.ours())).append(td(r.unit())).append(num(r.difference()))
                    .append("<td class=\"status\">").append(esc(r.status())).append("</td>")
                    .append(td(r.profile())).append(td(r.notebook())).append(td(r.note())).append(td(r.source()))
                    .append("</tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    private static String td(String s) {
        return "<td>" + esc(s) + "</td>";
    }

    private static String num(String s) {
        return "<td class=\"num\">" + esc(s) + "</td>";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
