package org.rramlab.experiment;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.rramlab.data.audio.FeatureConfig;
import org.rramlab.data.audio.Features;
import org.rramlab.data.audio.Recording;
import org.rramlab.data.audio.SpokenDigits;
import org.rramlab.metrics.ConfusionMatrix;
import org.rramlab.plot.Charts;
import org.rramlab.plot.HeatMaps;
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
     * Log-mel spectrograms of the first recording of each digit, side by side: time (s, each frame at its centre)
     * to the right, the mel bands at their centre frequency (Hz) upwards, the colour the band's energy in dB (its
     * own colour bar per recording: recordings differ in loudness; 80 dB below each one's loudest are floored).
     * Each frame is {@code frameWidth} pixels wide, each band {@code bandHeight} high.
     */
    public static BufferedImage spectrograms(SpokenDigits data, int frameWidth, int bandHeight, int... digits) {
        Features f = new Features(FeatureConfig.PAPER);
        HeatMaps.Axis bands = new HeatMaps.Axis("mel band centre (Hz)", f.bandCentresHz());
        List<BufferedImage> pictures = new ArrayList<>();
        for (Recording r : firstOfEach(data, digits)) {
            double[][] mel = f.logMel(r.samples());
            HeatMaps.Axis time = HeatMaps.Axis.linear("time (s)", mel[0].length, 0, f.frameSeconds(1));
            pictures.add(HeatMaps.draw("\"" + r.digit() + "\" (" + r.speaker() + ")", mel, time, bands,
                    "log-mel energy (dB)", frameWidth, bandHeight));
        }
        return org.rramlab.plot.Images.besides(pictures, null);
    }

    /**
     * The network's input for the first recording of every digit 0–9: 23 mel bands (centre frequency in Hz) × 20
     * frames, min–max normalised per recording to [0, 1] (one colour bar for all, at the end of each row), five maps
     * per row; each cell {@code scale} pixels wide and high.
     */
    public static BufferedImage featureImages(SpokenDigits data, int scale) {
        Features f = new Features(FeatureConfig.PAPER);
        HeatMaps.Axis bands = new HeatMaps.Axis("band centre (Hz)", f.bandCentresHz());
        HeatMaps.Axis frames = HeatMaps.Axis.linear("frame (" + Math.round(1000 * f.frameSeconds(1)) + " ms)", FeatureConfig.PAPER.frames(), 0, 1);
        List<BufferedImage> pictures = new ArrayList<>();
        int[] digits = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (Recording r : firstOfEach(data, digits)) {
            float[][] map = f.map(r.samples());
            double[][] z = new double[map.length][];
            for (int i = 0; i < map.length; i++) {
                z[i] = new double[map[i].length];
                for (int j = 0; j < map[i].length; j++) z[i][j] = map[i][j];
            }
            boolean last = r.digit() % 5 == 4;
            pictures.add(HeatMaps.draw("\"" + r.digit() + "\"", z, frames, bands, "normalised log-mel", scale, scale, 0, 1, last));
        }
        return org.rramlab.plot.Images.tiled(pictures, 5);
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
