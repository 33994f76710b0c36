package org.rramlab.experiment;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.rramlab.data.Pictures;
import org.rramlab.data.audio.FeatureConfig;
import org.rramlab.data.audio.Features;
import org.rramlab.data.audio.Recording;
import org.rramlab.data.audio.SpokenDigits;
import org.rramlab.metrics.ConfusionMatrix;
import org.rramlab.plot.Charts;
import tech.tablesaw.api.Table;

/** Pictures and charts of notebook 04: the data tour, training curves, confusion matrix, baseline sweep. */
public final class SpokenDigitsPlots {
    private SpokenDigitsPlots() {}

    /** The first recording of each digit in {@code digits} (speakers in file order). */
    public static List<Recording> firstOfEach(SpokenDigits data, int... digits) {
        List<Recording> found = new ArrayList<>();
        for (int d : digits) {
            if (d < 0 || d > 9) throw new IllegalArgumentException("digits: expected 0..9, got " + d);
            found.add(data.recordings().stream().filter(r -> r.digit() == d).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("digit " + d + ": no recording in " + data.dir())));
        }
        return found;
    }

    /** Waveforms (amplitude against time in seconds) of the first recording of each given digit. */
    public static XYChart waveforms(SpokenDigits data, int... digits) {
        Map<String, Charts.XY> series = new LinkedHashMap<>();
        for (Recording r : firstOfEach(data, digits)) {
            float[] s = r.samples();
            double[] t = new double[s.length], y = new double[s.length];
            for (int i = 0; i < s.length; i++) { t[i] = i / (double) SpokenDigits.SAMPLE_RATE; y[i] = s[i]; }
            series.put("'" + r.digit() + "' (" + r.speaker() + ")", new Charts.XY(t, y));
        }
        return Charts.xy("waveforms", "time (s)", "amplitude", series);
    }

    /**
     * Log-mel spectrograms (dB, all frames, low frequencies at the bottom) of the first recording of each digit,
     * side by side; each pixel is {@code scale} × {@code scale}.
     */
    public static BufferedImage spectrograms(SpokenDigits data, int scale, int... digits) {
        Features f = new Features(FeatureConfig.PAPER);
        List<BufferedImage> pictures = new ArrayList<>();
        for (Recording r : firstOfEach(data, digits)) pictures.add(Pictures.heatmap(f.logMel(r.samples()), scale));
        return Pictures.sideBySide(4 * scale, pictures.toArray(BufferedImage[]::new));
    }

    /** The network's input, 23 coefficients × 20 frames in [0, 1], for the first recording of every digit 0–9. */
    public static BufferedImage featureImages(SpokenDigits data, int scale) {
        Features f = new Features(FeatureConfig.PAPER);
        List<BufferedImage> pictures = new ArrayList<>();
        for (Recording r : firstOfEach(data, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)) pictures.add(Pictures.heatmap(f.map(r.samples()), scale));
        return Pictures.sideBySide(2 * scale, pictures.toArray(BufferedImage[]::new));
    }

    /** Test accuracy (%) per epoch of each run. */
    public static XYChart testAccuracy(SpokenDigitsExperiment.Run... runs) {
        Map<String, Charts.XY> series = new LinkedHashMap<>();
        for (SpokenDigitsExperiment.Run r : runs) {
            Table m = r.result().metrics();
            double[] epoch = new double[m.rowCount()], acc = new double[m.rowCount()];
            for (int i = 0; i < epoch.length; i++) { epoch[i] = m.intColumn("epoch").get(i); acc[i] = 100 * m.doubleColumn("test acc").get(i); }
            series.put(r.variant().label(), new Charts.XY(epoch, acc));
        }
        return Charts.xy("test accuracy during training", "epoch", "test accuracy (%)", series);
    }

    /** Confusion matrix as a heat map: rows = spoken digit, columns = predicted digit. */
    public static HeatMapChart confusion(ConfusionMatrix cm, String title) {
        long[][] counts = cm.counts();
        double[][] z = new double[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            z[i] = new double[counts[i].length];
            for (int j = 0; j < counts[i].length; j++) z[i][j] = counts[i][j];
        }
        return Charts.heatMap(title, "predicted digit", "spoken digit", z);
    }

    /**
     * Baseline accuracy (%) against write-noise sigma, one line per noise definition, with the pruned device
     * network's best accuracy as a flat reference line.
     */
    public static XYChart sweep(Table sweep, double prunedDevicePercent) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        double maxSigma = 0;
        for (int i = 0; i < sweep.rowCount(); i++) {
            double sigma = sweep.doubleColumn("sigma").get(i);
            maxSigma = Math.max(maxSigma, sigma);
            points.computeIfAbsent("trained weights programmed, noise x " + sweep.stringColumn("noise").get(i), k -> new ArrayList<>())
                    .add(new double[] {sigma, 100 * sweep.doubleColumn("accuracy").get(i)});
        }
        Map<String, Charts.XY> series = new LinkedHashMap<>();
        points.forEach((k, v) -> series.put(k, new Charts.XY(v.stream().mapToDouble(p -> p[0]).toArray(), v.stream().mapToDouble(p -> p[1]).toArray())));
        series.put("pruned random device weights", new Charts.XY(new double[] {0, maxSigma}, new double[] {prunedDevicePercent, prunedDevicePercent}));
        return Charts.xy("conventional baseline vs. write noise", "write-noise sigma (fraction of range / of target)", "test accuracy (%)", series);
    }
}
