package org.rramlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.rramlab.Version;
import org.rramlab.experiment.Profile;
import org.rramlab.plot.Images;
import org.rramlab.plot.Numbers;
import org.rramlab.util.AtomicFiles;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The one-page reproduction report: every claim of the paper ({@link PaperClaims}) beside the figure rramlab
 * computed for it in the executed notebooks ({@link Results}), and a verdict on each, computed from the two figures
 * and the recording run's caveats, never typed:
 * <ul>
 *   <li><b>agrees in direction and size</b>: same sign, and ours within {@value #SIZE_TOLERANCE_PERCENT} % of the
 *       paper's figure; for a gain in percentage points at least {@value #POINTS_TOLERANCE} points either way, for a
 *       level in % (an accuracy, an energy reduction) within {@value #POINTS_TOLERANCE_OF_LEVELS} points;</li>
 *   <li><b>agrees in direction</b>: same sign, size further off;</li>
 *   <li><b>differs</b>: the opposite sign (or zero where the paper's is not);</li>
 *   <li><b>not comparable</b>: the run that recorded it says why it cannot be held against the paper (synthetic data,
 *       a shorter run than the paper's), it was recorded under another profile than the summary's, or in another
 *       unit; what the figures would say is given in brackets;</li>
 *   <li><b>not run</b>: no notebook recorded the claim.</li>
 * </ul>
 * The page opens with two lines of what matches and what does not, then one chart of paper vs. ours, the headline
 * claims, the context rows (the authors' scripts, a pessimistic reading of the energy claims) in their own table,
 * and results for ids the catalogue does not know. Each row links to the executed notebook that computed it.
 *
 * <p>Command line: {@code ReproductionSummary <resultsDir> <outDir> <profile>} writes {@code outDir/summary.csv} and
 * {@code outDir/summary.html}.
 */
public final class ReproductionSummary {

    /** Ours agrees in size with the paper's figure when within this share of it (and of the same sign). */
    public static final int SIZE_TOLERANCE_PERCENT = 25;
    /** A gain in percentage points agrees in size within at least this many points (small gains are noisy). */
    public static final double POINTS_TOLERANCE = 2;
    /** A level in % (accuracy, energy reduction) agrees in size within this many points. */
    public static final double POINTS_TOLERANCE_OF_LEVELS = 5;

    /** The verdict on one row. */
    /** The paper's figure of a claim whose numbers are not public (the journal's technology and scaling claims). */
    static final String NO_FIGURE = "no figure public";

    public enum Verdict {
        AGREES_IN_DIRECTION_AND_SIZE("agrees in direction and size"),
        AGREES_IN_DIRECTION("agrees in direction"),
        DIFFERS("differs"),
        NOT_COMPARABLE("not comparable"),
        NOT_RUN("not run");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** What the figures alone say: the paper's and ours compared in sign and size (relative tolerance only). */
        public static Verdict compare(double paper, double ours) {
            return compare(paper, ours, "");
        }

        /** What the figures alone say, with the tolerance of the claim's unit (see the class comment). */
        public static Verdict compare(double paper, double ours, String unit) {
            if (Double.isNaN(paper) || Double.isNaN(ours)) return NOT_COMPARABLE;
            if (Math.signum(paper) != Math.signum(ours)) return DIFFERS;
            double tolerance = switch (unit) {
                case "%" -> POINTS_TOLERANCE_OF_LEVELS;
                case "percentage points" -> Math.max(POINTS_TOLERANCE, SIZE_TOLERANCE_PERCENT / 100.0 * Math.abs(paper));
                default -> SIZE_TOLERANCE_PERCENT / 100.0 * Math.abs(paper);
            };
            return Math.abs(ours - paper) <= tolerance ? AGREES_IN_DIRECTION_AND_SIZE : AGREES_IN_DIRECTION;
        }
    }

    /**
     * One line of the summary; {@code ours} reads "not run" and {@code difference} is empty when not run. Figures are
     * formatted by unit (points, %, counts); {@code paperValue} and {@code oursValue} are the numbers (NaN if none).
     */
    public record Row(String claimId, String task, String claim, boolean reference, String paper, String ours,
                      String unit, String difference, Verdict verdict, String why, String profile, String notebook,
                      String recordedAt, String note, String source, double paperValue, double oursValue) {

        /** The verdict with its reason, e.g. "not comparable: synthetic data (as it stands: differs)". */
        public String status() {
            return verdict.text() + (why.isEmpty() ? "" : ": " + why);
        }
    }

    static final String NOT_RUN = "not run";
    private static final List<String> CSV_HEADER = List.of("claim_id", "task", "claim", "reference", "paper", "ours",
            "unit", "difference", "verdict", "why", "profile", "notebook", "recorded_at", "note", "source");

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
            rows.add(row(c.id(), c.task(), c.description(), c.reference(),
                    Double.isNaN(c.paper()) ? Optional.empty() : Optional.of(c.paper()), c.unit(), c.source(),   // NaN: no figure public
                    Optional.ofNullable(results.get(c.id())), profile));
        }
        for (Result r : results.values()) {
            if (PaperClaims.byId(r.claimId()).isEmpty()) {
                rows.add(row(r.claimId(), "", "(not a catalogued claim)", true, Optional.empty(), r.unit(), "",
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
            csv.append(Csv.line(List.of(r.claimId(), r.task(), r.claim(), Boolean.toString(r.reference()), plain(r.paperValue()),
                    plain(r.oursValue()), r.unit(), plain(r.oursValue() - r.paperValue()), r.verdict().text(), r.why(),
                    r.profile(), r.notebook(), r.recordedAt(), r.note(), r.source())));
        }
        try {
            Files.createDirectories(outDir);
            Path csvFile = AtomicFiles.writeString(outDir.resolve("summary.csv"), csv.toString());
            Path html = AtomicFiles.writeString(outDir.resolve("summary.html"), html(rows, profile, resultsDir, outDir));
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
                StringColumn.create("ours − paper", rows.stream().map(Row::difference)),
                StringColumn.create("verdict", rows.stream().map(Row::status)),
                StringColumn.create("profile", rows.stream().map(Row::profile)));
    }

    /**
     * The two lines that open the summary: how many headline claims agree, differ or cannot be compared, and which.
     */
    public static List<String> headline(List<Row> rows) {
        List<Row> headline = rows.stream().filter(r -> !r.reference()).toList();
        Map<Verdict, List<Row>> by = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) by.put(v, headline.stream().filter(r -> r.verdict() == v).toList());
        String first = headline.size() + " headline claims: " + by.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getValue().size() + " " + (e.getValue().size() == 1 ? e.getKey().text()
                        : e.getKey().text().replace("agrees", "agree").replace("differs", "differ")))
                .collect(Collectors.joining(", ")) + ".";
        List<Row> match = new ArrayList<>(by.get(Verdict.AGREES_IN_DIRECTION_AND_SIZE));
        List<Row> direction = by.get(Verdict.AGREES_IN_DIRECTION), differ = by.get(Verdict.DIFFERS);
        StringBuilder second = new StringBuilder();
        second.append("Matches: ").append(match.isEmpty() ? "none" : names(match)).append(". ");
        if (!direction.isEmpty()) second.append("Right direction, other size: ").append(names(direction)).append(". ");
        second.append("Does not match: ").append(differ.isEmpty() ? "none" : names(differ)).append(".");
        List<Row> notComparable = by.get(Verdict.NOT_COMPARABLE);
        if (!notComparable.isEmpty()) {
            // the kinds of reason only ("shorter run", "synthetic data"): the rows give the details
            second.append(" Not comparable (").append(notComparable.stream().flatMap(r -> java.util.Arrays.stream(r.why().replaceAll(" \\(as it stands.*", "").split("; ")))
                    .map(w -> w.replaceAll(":.*", "")).distinct().collect(Collectors.joining(", "))).append("): ").append(names(notComparable)).append(".");
        }
        return List.of(first, second.toString());
    }

    private static String names(List<Row> rows) {
        return rows.stream().map(r -> r.task() + " " + shortName(r)).collect(Collectors.joining(", "));
    }

    /** A claim named in a few words: "accuracy gain", "energy reduction (arXiv)". */
    static String shortName(Row r) {
        String id = r.claimId();
        String what = id.substring(id.indexOf('.') + 1).replace("-arxiv", " (arXiv)").replace("-pessimistic", " (pessimistic)")
                .replace('-', ' ').replace("pr auc", "PR AUC").replace("roc auc", "ROC AUC");
        return what;
    }

    private static Row row(String id, String task, String claim, boolean reference, Optional<Double> paper, String unit,
                           String source, Optional<Result> result, Profile profile) {
        double paperValue = paper.orElse(Double.NaN);
        String paperText = paper.map(p -> byUnit(p, unit)).orElse(NO_FIGURE);
        if (result.isEmpty()) {
            return new Row(id, task, claim, reference, paperText, NOT_RUN, unit, "", Verdict.NOT_RUN, "", "", "", "", "",
                    source, paperValue, Double.NaN);
        }
        Result r = result.get();
        List<String> why = new ArrayList<>(r.caveats());
        if (paper.isEmpty()) why.add(NO_FIGURE);
        if (!r.profile().equals(profile.lowerName())) {
            why.add("other profile: recorded under " + r.profile() + ", summary of " + profile.lowerName());
        }
        if (!unit.equals(r.unit())) {
            why.add("recorded in '" + r.unit() + "', the claim is in '" + unit + "'");
        }
        Verdict figures = Verdict.compare(paperValue, r.value(), unit);
        Verdict verdict = why.isEmpty() ? figures : Verdict.NOT_COMPARABLE;
        String reason = why.isEmpty() ? "" : String.join("; ", why)
                + (figures == Verdict.NOT_COMPARABLE ? "" : " (as it stands: " + figures.text() + ")");
        String diff = paper.map(p -> difference(r.value() - p, unit)).orElse("");
        return new Row(id, task, claim, reference, paperText, byUnit(r.value(), r.unit()), unit, diff, verdict, reason,
                r.profile(), r.notebook(), r.recordedAt(), r.note(), source, paperValue, r.value());
    }

    /** A figure in its unit as people read it: {@code +5.4 points}, {@code 78.3 %}, {@code 9,440,000 flips}. */
    public static String byUnit(double v, String unit) {
        if (Double.isNaN(v)) return "";
        return switch (unit) {
            case "percentage points" -> Numbers.points(v);
            case "%" -> Numbers.sig(v, 4).replaceFirst("^-", "−") + " %";   // 4 figures: 99.98 % is not 100 %
            case "flips", "pulses", "count" -> Numbers.count(Math.round(v)) + " " + unit;
            default -> Numbers.sig(v) + (unit.isEmpty() ? "" : " " + unit);
        };
    }

    /** ours − paper in the claim's unit, signed: {@code −11.9 points}, {@code +2.5 %}. */
    public static String difference(double d, String unit) {
        if (unit.equals("percentage points") || unit.equals("%")) return Numbers.points(d);   // a difference of levels in % is in points
        String text = byUnit(Math.abs(d), unit);
        return d > 0 ? "+" + text : d < 0 ? "−" + text : text;
    }

    /** A number for the CSV: up to 6 significant figures, no separators; empty for NaN. */
    private static String plain(double v) {
        if (Double.isNaN(v)) return "";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String html(List<Row> rows, Profile profile, Path resultsDir, Path outDir) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>rramlab reproduction summary</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:80em}\n")
                .append("table{border-collapse:collapse;font-size:0.9em;margin-bottom:1.5em}\n")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\n")
                .append("th{background:#eee}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n")
                .append("tr.notrun td{color:#888}.headline{font-size:1.1em;line-height:1.5}\n")
                .append("td.v-agrees{background:#e3f4e3}td.v-direction{background:#fdf4d8}td.v-differs{background:#f9dede}")
                .append("td.v-nc{background:#eeeeee}\n")
                .append("</style></head><body>\n")
                .append("<h1>Pruning random resistive memory: paper vs. rramlab</h1>\n<div class=\"headline\">");
        for (String line : headline(rows)) {
            h.append("<p><b>").append(esc(line.substring(0, line.indexOf(':') + 1))).append("</b>")
                    .append(esc(line.substring(line.indexOf(':') + 1))).append("</p>\n");
        }
        h.append("</div>\n");
        String chart = chart(rows);
        if (chart != null) {
            h.append("<p><img alt=\"paper vs. ours\" src=\"data:image/png;base64,").append(chart).append("\"></p>\n");
        }
        h.append("<p><b>How to read it.</b> <i>paper</i> is the published figure; <i>ours</i> is what the notebook named ")
                .append("in the row computed, under the profile named in the row (ci runs are tiny: they check the ")
                .append("pipeline, not the science). The verdict is computed: <i>agrees in direction and size</i> when ")
                .append("ours has the paper's sign and lies within " + SIZE_TOLERANCE_PERCENT + " % of its figure (a gain: at ")
                .append("least " + Numbers.sig(POINTS_TOLERANCE) + " points either way; a level in %: within "
                        + Numbers.sig(POINTS_TOLERANCE_OF_LEVELS) + " points), ")
                .append("<i>agrees in direction</i> when only the sign matches, <i>differs</i> otherwise; <i>not ")
                .append("comparable</i> when the run that computed it says why it cannot be held against the paper ")
                .append("(synthetic data, a shorter run), or it comes from another profile or unit; in brackets what ")
                .append("the figures would say.</p>\n");
        h.append("<h2>The paper's claims</h2>\n");
        table(h, rows.stream().filter(r -> !r.reference()).toList(), outDir);
        h.append("<h2>Context</h2>\n<p>What the authors' own scripts gave when rramlab ran them, and a pessimistic ")
                .append("second reading of each energy claim: not claims of the paper, but what ours should be held against ")
                .append("to separate the method from our implementation of it.</p>\n");
        table(h, rows.stream().filter(r -> r.reference() && !r.claim().equals("(not a catalogued claim)")).toList(), outDir);
        List<Row> extra = rows.stream().filter(r -> r.claim().equals("(not a catalogued claim)")).toList();
        if (!extra.isEmpty()) {
            h.append("<h2>Other figures the notebooks recorded</h2>\n");
            table(h, extra, outDir);
        }
        Path shownResults = relative(outDir, resultsDir);
        h.append("<p style=\"color:#666\">").append(esc("Profile " + profile.lowerName() + ", rramlab " + Version.VERSION
                + ", results from " + shownResults + ", written " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "."))
                .append("</p>\n");
        return h.append("</body></html>\n").toString();
    }

    private static Path relative(Path from, Path to) {
        try {
            return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return to.getFileName();
        }
    }

    private static void table(StringBuilder h, List<Row> rows, Path outDir) {
        h.append("<table>\n<tr>");
        for (String c : List.of("task", "what is claimed", "paper", "ours", "ours − paper", "verdict", "notebook",
                "how ours was obtained", "source")) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (Row r : rows) {
            String cls = switch (r.verdict()) {
                case AGREES_IN_DIRECTION_AND_SIZE -> "v-agrees";
                case AGREES_IN_DIRECTION -> "v-direction";
                case DIFFERS -> "v-differs";
                case NOT_COMPARABLE -> "v-nc";
                case NOT_RUN -> "";
            };
            h.append(r.verdict() == Verdict.NOT_RUN ? "<tr class=\"notrun\">" : "<tr>")
                    .append(td(r.task())).append(td(r.claim() + (r.claim().startsWith("(") ? " " + r.claimId() : "")))
                    .append(num(r.paper())).append(num(r.ours())).append(num(r.difference()))
                    .append("<td class=\"").append(cls).append("\"><b>").append(esc(r.verdict().text())).append("</b>")
                    .append(r.why().isEmpty() ? "" : "<br>" + esc(r.why())).append("</td>")
                    .append(link(r, outDir)).append(td(r.note())).append(td(r.source()))
                    .append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** The notebook's name, linked to its executed HTML when that lies beside the summary. */
    private static String link(Row r, Path outDir) {
        if (r.notebook().isEmpty()) return td("");
        String label = r.notebook() + (r.profile().isEmpty() ? "" : " (" + r.profile() + ")");
        String file = r.notebook() + ".html";
        if (r.notebook().matches("[A-Za-z0-9._-]+") && Files.isRegularFile(outDir.resolve(file))) {
            return "<td><a href=\"" + esc(file) + "\">" + esc(label) + "</a></td>";
        }
        return td(label);
    }

    /** Paper vs. ours for the headline claims that have our figure: grouped bars, base64 PNG; null when none. */
    static String chart(List<Row> rows) {
        List<Row> shown = rows.stream().filter(r -> !r.reference() && !Double.isNaN(r.oursValue()) && !Double.isNaN(r.paperValue())).toList();
        if (shown.isEmpty()) return null;
        List<String> names = new ArrayList<>();
        double[] paper = new double[shown.size()], ours = new double[shown.size()];
        for (int i = 0; i < shown.size(); i++) {
            Row r = shown.get(i);
            String unit = r.unit().equals("percentage points") ? "points" : r.unit();
            names.add(r.task() + ": " + shortName(r) + " (" + unit + ")" + (r.verdict() == Verdict.NOT_COMPARABLE ? " *" : ""));
            paper[i] = r.paperValue();
            ours[i] = r.oursValue();
        }
        return Images.toPngBase64(Images.pairedBars("paper vs. ours (* not comparable: see its row; paler)", "percentage points or %",
                names, paper, ours, "paper", "ours"));
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
