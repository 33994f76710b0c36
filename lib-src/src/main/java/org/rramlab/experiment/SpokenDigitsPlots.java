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
        List<String> labels = new ArrayList<>();
        for (Recording r : firstOfEach(data, digits)) {
            double[][] mel = f.logMel(r.samples());
            pictures.add(Pictures.heatmap(mel, scale));
            labels.add("\"" + r.digit() + "\", " + mel[0].length + " frames");
        }
        // the axes in words under each picture: time to the right, low frequencies at the bottom (see the notebook)
        return org.rramlab.plot.Images.besides(pictures, labels);
    }

    /** The network's input, 23 coefficients × 20 frames in [0, 1], for the first recording of every digit 0–9. */
    public static BufferedImage featureImages(SpokenDigits data, int scale) {
        Features f = new Features(FeatureConfig.PAPER);
        List<BufferedImage> pictures = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Recording r : firstOfEach(data, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)) {
            pictures.add(Pictures.heatmap(f.map(r.samples()), scale));
            labels.add("\"" + r.digit() + "\"");
        }
        return org.rramlab.plot.Images.besides(pictures, labels);
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

}
