package org.rramlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rramlab.Version;
import org.rramlab.simd.Simd;
import org.rramlab.train.NativeMemory;
import org.rramlab.util.AtomicFiles;

/**
 * Where a run's figures came from, enough to repeat it: the spec (whole, and what differs from its preset), the
 * SHA-256 of every data file read, the library version and git commit, the machine and its threads, start and end
 * times. Written as JSON next to the run's results ({@code provenance.json}); {@code ./lab run provenance.json} reruns it.
 */
public record Provenance(ExperimentSpec spec, Map<String, String> data, String library, String gitCommit, Map<String, Object> machine,
                         Map<String, Object> threads, String start, String end, double seconds, List<String> files) {

    /** The provenance of a run of {@code spec} that read {@code data}, started at {@code start}. */
    static Provenance of(ExperimentSpec spec, Map<String, String> data, Instant start, Instant end, List<String> files) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("maxHeapGb", Math.round(Runtime.getRuntime().maxMemory() / 1e8) / 10.0);
        machine.put("kernels", Simd.describe());
        // the C allocator under ND4J's arrays changes a run's speed (docs/performance.md, "The allocator"), not its figures
        machine.put("allocator", NativeMemory.allocator());
        machine.put("host", hostName());
        Map<String, Object> threads = new LinkedHashMap<>();
        threads.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        threads.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        threads.put("OMP_WAIT_POLICY", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        // the Java workers that split the products (simd.Parallel): with OMP_NUM_THREADS=1 they are the run's threads
        threads.put("rramlabThreads", org.rramlab.simd.Parallel.threads());
        return new Provenance(spec, data, "rramlab " + Version.VERSION, currentGitCommit(), machine, threads, start.toString(), end.toString(),
                (end.toEpochMilli() - start.toEpochMilli()) / 1000.0, files);
    }

    /** The JSON, with the spec's differences from its preset first (what to change to repeat it). */
    public String toJson() {
        try {
            var node = SpecJson.JSON.createObjectNode();
            node.set("specDifferences", SpecJson.JSON.readTree(spec.toJsonDifferences()));
            node.setAll((com.fasterxml.jackson.databind.node.ObjectNode) SpecJson.JSON.valueToTree(this));
            return SpecJson.JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("provenance: cannot write JSON", e);
        }
    }

    void write(Path file) {
        try {
            AtomicFiles.writeString(file, toJson());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("provenance " + file + ": " + e.getMessage(), e);
        }
    }

    /** The spec a provenance file records, to run it again. */
    public static ExperimentSpec specOf(Path provenanceJson) {
        try {
            JsonNode node = SpecJson.JSON.readTree(Files.readString(provenanceJson));
            JsonNode spec = node.get("spec");
            if (spec == null) throw new SpecJson.SpecException(provenanceJson.toString(), "spec", "missing: this is not a provenance file");
            return SpecJson.convert(spec, provenanceJson + " (its spec)");
        } catch (IOException e) {
            throw new SpecJson.SpecException(provenanceJson.toString(), "", "cannot read: " + e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The commit of the git checkout the run started in (read from .git, no git binary needed), or null. */
    static String currentGitCommit() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path git = d.resolve(".git");
            try {
                if (Files.isRegularFile(git)) {   // a worktree: "gitdir: <path>"
                    String line = Files.readString(git).trim();
                    if (line.startsWith("gitdir:")) git = d.resolve(line.substring(7).trim());
                }
                if (!Files.isDirectory(git)) continue;
                String head = Files.readString(git.resolve("HEAD")).trim();
                if (!head.startsWith("ref:")) return head;
                String ref = head.substring(4).trim();
                Path common = Files.isRegularFile(git.resolve("commondir")) ? git.resolve(Files.readString(git.resolve("commondir")).trim()) : git;
                for (Path g : List.of(git, common)) {
                    if (Files.isRegularFile(g.resolve(ref))) return Files.readString(g.resolve(ref)).trim();
                    Path packed = g.resolve("packed-refs");
                    if (Files.isRegularFile(packed)) {
                        for (String l : Files.readAllLines(packed)) if (l.endsWith(" " + ref)) return l.substring(0, l.indexOf(' '));
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
