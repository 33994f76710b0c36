package org.rramlab.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.rramlab.train.Progress;

/**
 * {@code ./lab run}: runs an experiment headlessly, one line per epoch.
 * <pre>
 *   ./lab run PRESET | SPEC.json | provenance.json [--profile ci|quick|paper] [--out DIR] [--set path=value ...]
 * </pre>
 * A preset by name ({@code ./lab run fashion}), a spec file (a preset and what differs from it), or the provenance of an
 * earlier run (to repeat it). {@code --set} changes one field by its JSON path ({@code --set prune.keepFraction=0.3};
 * the value is JSON, or text). The output folder defaults to {@code target/runs/<preset>-<profile>[-<hash of the
 * changes>]}: the same spec goes to the same folder, so a killed run started again resumes where it stopped.
 */
public final class Run {
    private Run() {}

    public static void main(String[] args) {
        try {
            RunResult r = run(args);
            System.out.println(r.readableSummary().printAll());
            System.out.println("results, provenance and checkpoints in " + r.out());
        } catch (IllegalArgumentException e) {
            System.err.println("lab run: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Parses the command line and runs. */
    static RunResult run(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("expected a preset name, a spec file or a provenance file; presets: " + Presets.names());
        }
        String what = args[0];
        Profile profile = null;
        Path out = null;
        List<String[]> sets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--profile" -> { profile = Profile.parse(need(a, value), "--profile"); i++; }
                case "--out" -> { out = Path.of(need(a, value)); i++; }
                case "--set" -> {
                    String kv = need(a, value);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) throw new IllegalArgumentException("--set " + kv + ": expected path=value, e.g. --set prune.keepFraction=0.3");
                    sets.add(new String[] {kv.substring(0, eq), kv.substring(eq + 1)});
                    i++;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + a + "': expected --profile, --out or --set");
            }
        }
        ExperimentSpec spec = spec(what, profile);
        for (String[] kv : sets) spec = spec.with(kv[0], value(kv[1]));
        Path folder = out != null ? out : defaultFolder(spec);
        System.out.println("lab run: " + spec + " -> " + folder);
        return Experiment.run(spec, folder, Progress.lines(System.out));
    }

    /** The spec named on the command line; an explicit {@code --profile} replaces a spec file's own profile. */
    private static ExperimentSpec spec(String what, Profile profile) {
        Path file = Path.of(what);
        if (what.endsWith(".json") || Files.isRegularFile(file)) {
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException(what + ": no such file");
            try {
                String text = Files.readString(file);
                if (SpecJson.JSON.readTree(text).has("library")) {
                    ExperimentSpec recorded = Provenance.specOf(file);
                    return profile == null ? recorded : SpecJson.read(recorded.toJsonDifferences(), file.toString(), profile, true);
                }
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(what + ": cannot read: " + e.getMessage());
            }
            return SpecJson.read(file, profile == null ? Profile.current() : profile, profile != null);
        }
        return Presets.get(what, profile == null ? Profile.current() : profile);
    }

    /** target/runs/<preset>-<profile>, plus a short hash of what differs from the preset. */
    static Path defaultFolder(ExperimentSpec spec) {
        String name = spec.preset() + "-" + spec.profile().lowerName();
        List<String> d = spec.differences();
        if (!d.isEmpty()) {
            try {
                byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(String.join("\n", d).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                name += "-" + HexFormat.of().formatHex(h, 0, 4);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return Experiment.defaultOutput(spec).getParent().resolve(name);
    }

    private static Object value(String text) {
        try {
            return SpecJson.JSON.readTree(text);
        } catch (java.io.IOException e) {
            return text;   // a bare word: a text value
        }
    }

    private static String need(String option, String value) {
        if (value == null) throw new IllegalArgumentException(option + ": expects a value");
        return value;
    }
}
