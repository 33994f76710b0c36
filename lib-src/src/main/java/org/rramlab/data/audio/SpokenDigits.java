package org.rramlab.data.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.data.DataFileException;
import org.rramlab.data.LabelledImages;
import org.rramlab.data.Sha256;
import org.rramlab.data.Splits;

/**
 * The Free Spoken Digit Dataset (CC BY-SA 4.0; 3,000 recordings, 6 speakers × 10 digits × 50 takes), read from
 * {@code recordings/{digit}_{speaker}_{index}.wav}, every file resampled to 8 kHz mono.
 *
 * <p>Two splits: {@link #officialSplit} (take 0–4 test, 300; the rest train, 2,700) and the paper's
 * {@link #randomSplit} (seeded 70/30: 2,100 / 900). Both give feature maps {@code [n, 1, 23, 20]} (see
 * {@link FeatureConfig}) with the digit as label.
 *
 * <p>Bad files: {@link #load} stops at the first bad file with an error naming it; {@link #loadSkippingBad} skips
 * bad files and lists each with its reason in {@link #skipped()}, so the count is always visible.
 */
public final class SpokenDigits {

    public static final int SAMPLE_RATE = 8000;
    public static final String ENV = "RRAMLAB_FSDD";
    private static final Pattern NAME = Pattern.compile("(\\d)_([A-Za-z]+)_(\\d+)\\.wav");

    /** A file left out by {@link #loadSkippingBad}, with why. */
    public record Skipped(Path file, String reason) {
    }

    private final Path dir;
    private final List<Recording> recordings;
    private final List<Skipped> skipped;

    private SpokenDigits(Path dir, List<Recording> recordings, List<Skipped> skipped) {
        this.dir = dir;
        this.recordings = List.copyOf(recordings);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * The FSDD folder (the one holding {@code recordings/}): {@code $RRAMLAB_FSDD}, then {@code ../data/fsdd},
     * {@code data/fsdd}.
     */
    public static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("..", "data", "fsdd"));
        candidates.add(Path.of("data", "fsdd"));
        for (Path c : candidates) {
            if (Files.isDirectory(c.resolve("recordings"))) {
                return c;
            }
        }
        StringBuilder looked = new StringBuilder();
        candidates.forEach(c -> looked.append("\n  ").append(c.toAbsolutePath().normalize()));
        throw new DataFileException(candidates.get(0), "FSDD not found (no recordings/ folder). Looked in:" + looked
                + "\nThe project ships it in data/fsdd/; or set " + ENV + " to a copy of"
                + " github.com/Jakobovski/free-spoken-digit-dataset (the folder holding recordings/).");
    }

    /** Every recording; the first bad file throws a {@link DataFileException} naming it. */
    public static SpokenDigits load(Path fsddDir) {
        return read(fsddDir, false);
    }

    /** Every readable recording; bad files are listed in {@link #skipped()} instead of throwing. */
    public static SpokenDigits loadSkippingBad(Path fsddDir) {
        return read(fsddDir, true);
    }

    private static SpokenDigits read(Path fsddDir, boolean skipBad) {
        Path folder = fsddDir.resolve("recordings");
        if (!Files.isDirectory(folder)) {
            throw new DataFileException(folder, "missing: expected FSDD's recordings/ folder of *.wav files");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".wav")).sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new DataFileException(folder, "no *.wav files");
        }
        List<Recording> recordings = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path file : files) {
            try {
                recordings.add(readOne(file));
            } catch (DataFileException e) {
                if (!skipBad) {
                    throw e;
                }
                skipped.add(new Skipped(file, e.getMessage()));
            }
        }
        return new SpokenDigits(fsddDir, recordings, skipped);
    }

    /** One FSDD file: label from the name, samples resampled to 8 kHz, not silent. */
    public static Recording readOne(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new DataFileException(file, "name does not follow {digit}_{speaker}_{index}.wav");
        }
        Audio audio = WavReader.read(file, SAMPLE_RATE);
        boolean silent = true;
        for (float s : audio.samples()) {
            if (s != 0f) {
                silent = false;
                break;
            }
        }
        if (silent) {
            throw new DataFileException(file, "empty recording: all " + audio.samples().length + " samples are zero");
        }
        return new Recording(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)), audio.samples(),
                file, Sha256.ofFile(file));
    }

    public Path dir() {
        return dir;
    }

    public List<Recording> recordings() {
        return recordings;
    }

    /** Files {@link #loadSkippingBad} left out, with reasons; always empty after {@link #load}. */
    public List<Skipped> skipped() {
        return skipped;
    }

    public int size() {
        return recordings.size();
    }

    /**
     * Provenance: one SHA-256 over the sorted {@code sha256  recordings/name} lines of the files read (the same
     * text format as {@code SHA256SUMS}, so it equals that file's own checksum when every recording was read).
     */
    public Map<String, String> sha256() {
        StringBuilder listing = new StringBuilder();
        for (Recording r : recordings) {
            listing.append(r.sha256()).append("  recordings/").append(r.file().getFileName()).append('\n');
        }
        Map<String, String> map = new LinkedHashMap<>();
        map.put("fsdd/recordings (" + recordings.size() + " files, SHA256SUMS listing)",
                Sha256.of(listing.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return map;
    }

    /** FSDD's official split with {@link FeatureConfig#PAPER} features: first = train (take 5–49), second = test. */
    public LabelledImages.Split officialSplit() {
        return officialSplit(FeatureConfig.PAPER);
    }

    public LabelledImages.Split officialSplit(FeatureConfig config) {
        List<Recording> train = new ArrayList<>(), test = new ArrayList<>();
        for (Recording r : recordings) {
            (r.isOfficialTest() ? test : train).add(r);
        }
        return new LabelledImages.Split(features(train, config), features(test, config));
    }

    /**
     * The paper's random split with {@link FeatureConfig#PAPER} features: first = train ({@code round(trainFraction
     * × n)}, 2,100 of 3,000 at 0.7), second = test; the same seed gives the same split.
     */
    public LabelledImages.Split randomSplit(double trainFraction, long seed) {
        return randomSplit(trainFraction, seed, FeatureConfig.PAPER);
    }

    public LabelledImages.Split randomSplit(double trainFraction, long seed, FeatureConfig config) {
        if (!(trainFraction >= 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("trainFraction must be in [0, 1], got " + trainFraction);
        }
        int[] order = Splits.permutation(recordings.size(), seed);
        int cut = (int) Math.round(trainFraction * recordings.size());
        List<Recording> train = new ArrayList<>(), test = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            (k < cut ? train : test).add(recordings.get(order[k]));
        }
        return new LabelledImages.Split(features(train, config), features(test, config));
    }

    /** Feature maps {@code [n, 1, coefficients, frames]} of the given recordings, labels = digits, in that order. */
    public LabelledImages features(List<Recording> list, FeatureConfig config) {
        Features f = new Features(config);
        int c = config.coefficients(), t = config.frames();
        float[] data = new float[list.size() * c * t];
        int[] labels = new int[list.size()];
        for (int i = 0; i < list.size(); i++) {
            Recording r = list.get(i);
            float[][] map;
            try {
                map = f.map(r.samples());
            } catch (IllegalArgumentException e) {
                throw new DataFileException(r.file(), e.getMessage(), e);
            }
            for (int row = 0; row < c; row++) {
                System.arraycopy(map[row], 0, data, (i * c + row) * t, t);
            }
            labels[i] = r.digit();
        }
        var images = list.isEmpty() ? Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, 1, c, t)
                : Nd4j.create(data, new long[] {list.size(), 1, c, t}, 'c');
        return new LabelledImages(images, labels, sha256());
    }

    /** How many recordings are longer than the feature map's {@code frames} (their tail is cut). */
    public long countLongerThan(FeatureConfig config) {
        return recordings.stream().filter(r -> 1 + r.samples().length / config.hopLength() > config.frames()).count();
    }

    @Override
    public String toString() {
        return "SpokenDigits[" + recordings.size() + " recordings from " + dir + ", " + skipped.size() + " skipped"
                + (skipped.isEmpty() ? "" : ": " + Arrays.toString(skipped.stream().map(s -> s.file().getFileName()).toArray()))
                + "]";
    }
}
