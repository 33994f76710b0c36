package org.rramlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rramlab.util.AtomicFiles;
import org.rramlab.experiment.Profile;

/**
 * Where notebooks put the figures they compute for the paper's claims, and where {@link ReproductionSummary} finds
 * them. One file per claim, {@code <claimId>.csv} (a header and one row), written to a temporary file and moved into
 * place, so a run killed mid-write leaves the previous result or none, never half a row. Recording a claim again
 * replaces the earlier figure: the summary shows the latest run.
 *
 * <p>Folder: the system property {@value #PROPERTY_DIR}, else the environment variable {@value #ENV_DIR}, else {@code ../target/reproduction/results}
 * (relative to the working directory, which is {@code notebooks/} for a notebook).
 */
public final class Results {

    public static final String ENV_DIR = "RRAMLAB_RESULTS_DIR";
    /** System property that overrides {@value #ENV_DIR} (tests, or a notebook that wants another folder). */
    public static final String PROPERTY_DIR = "rramlab.results.dir";
    /** Names the recording notebook when {@link #setNotebook} was not called. */
    public static final String ENV_NOTEBOOK = "RRAMLAB_NOTEBOOK";
    public static final String PROPERTY_NOTEBOOK = "rramlab.notebook";
    static final List<String> HEADER = List.of("claim_id", "value", "unit", "note", "profile", "notebook",
            "recorded_at", "caveats");
    /** The header of result files written before caveats were recorded (read as having none). */
    static final List<String> HEADER_WITHOUT_CAVEATS = HEADER.subList(0, 7);
    private static final Pattern CLAIM_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private Results() {}

    /**
     * Records our figure for a claim, under the current {@link Profile} and notebook, in {@link #directory()}.
     *
     * @return the file written
     */
    public static Path record(String claimId, double ours, String unit, String note) {
        return record(claimId, ours, unit, note, List.of());
    }

    /**
     * Records our figure with the reasons it cannot be held against the paper's ({@link Result#caveats}: synthetic
     * data, a shorter run, ...); the summary then marks it "not comparable" and says why.
     */
    public static Path record(String claimId, double ours, String unit, String note, List<String> caveats) {
        return record(directory(), new Result(claimId, ours, unit, note, Profile.current().lowerName(), notebook(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), caveats));
    }

    /** Writes one result into {@code dir} (created if missing), atomically; returns the file. */
    public static Path record(Path dir, Result r) {
        try {
            Path target = dir.resolve(r.claimId() + ".csv");
            AtomicFiles.writeString(target, Csv.line(HEADER) + Csv.line(List.of(r.claimId(), Double.toString(r.value()),
                    r.unit(), r.note(), r.profile(), r.notebook(), r.recordedAt(), String.join("; ", r.caveats()))));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record result " + r.claimId() + " in " + dir.toAbsolutePath(), e);
        }
    }

    /** Every result in {@code dir}, by claim id; an empty map when the folder does not exist. */
    public static Map<String, Result> readAll(Path dir) {
        Map<String, Result> all = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                Result r = read(f);
                all.put(r.claimId(), r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list results folder " + dir.toAbsolutePath(), e);
        }
        return all;
    }

    /** The recorded result for {@code claimId} in {@link #directory()}, if any. */
    public static Optional<Result> find(String claimId) {
        Path f = directory().resolve(checkClaimId(claimId) + ".csv");
        return Files.isRegularFile(f) ? Optional.of(read(f)) : Optional.empty();
    }

    /** Reads one result file; a malformed file is an {@link IllegalArgumentException} naming it. */
    public static Result read(Path file) {
        try {
            List<List<String>> rows = Csv.parse(Files.readString(file));
            boolean old = rows.size() == 2 && rows.get(0).equals(HEADER_WITHOUT_CAVEATS) && rows.get(1).size() == HEADER_WITHOUT_CAVEATS.size();
            if (!old && (rows.size() != 2 || !rows.get(0).equals(HEADER) || rows.get(1).size() != HEADER.size())) {
                throw new IllegalArgumentException("result file " + file + ": expected the header " + HEADER
                        + " and one row of " + HEADER.size() + " fields, found " + rows);
            }
            List<String> v = rows.get(1);
            double value;
            try {
                value = Double.parseDouble(v.get(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("result file " + file + ": value '" + v.get(1)
                        + "', expected a number");
            }
            List<String> caveats = old || v.get(7).isBlank() ? List.of() : List.of(v.get(7).split(";"));
            return new Result(v.get(0), value, v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), caveats);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read result file " + file, e);
        }
    }

    /** The results folder: {@value #PROPERTY_DIR}, else {@value #ENV_DIR}, else {@code ../target/reproduction/results}. */
    public static Path directory() {
        String property = System.getProperty(PROPERTY_DIR);
        if (property != null && !property.isBlank()) {
            return Paths.get(property);
        }
        String env = System.getenv(ENV_DIR);
        return env != null && !env.isBlank() ? Paths.get(env) : Paths.get("..", "target", "reproduction", "results");
    }

    /**
     * The results folder as a reader is shown it: relative to the parent of the working directory (the repository,
     * for a notebook in notebooks/) when it lies inside, else only its own name; never a machine's absolute path.
     */
    public static String shownDirectory() {
        Path dir = directory().toAbsolutePath().normalize(), root = Paths.get("..").toAbsolutePath().normalize();
        return dir.startsWith(root) ? root.relativize(dir).toString() : String.valueOf(dir.getFileName());
    }

    /** Names the notebook that records from now on in this JVM (a notebook calls this in its first cells). */
    public static void setNotebook(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("notebook name: is '" + name + "', expected e.g. 06-energy-and-cost");
        }
        System.setProperty(PROPERTY_NOTEBOOK, name);
    }

    /** The recording notebook: {@link #setNotebook}, else {@value #ENV_NOTEBOOK}, else {@code unknown}. */
    public static String notebook() {
        String p = System.getProperty(PROPERTY_NOTEBOOK);
        if (p != null && !p.isBlank()) {
            return p;
        }
        String env = System.getenv(ENV_NOTEBOOK);
        return env != null && !env.isBlank() ? env : "unknown";
    }

    static String checkClaimId(String claimId) {
        if (claimId == null || !CLAIM_ID.matcher(claimId).matches()) {
            throw new IllegalArgumentException("claimId: '" + claimId + "', expected lower-case letters, digits, "
                    + "'.', '_' or '-' (it names a file), e.g. fashion.energy-reduction");
        }
        return claimId;
    }
}
