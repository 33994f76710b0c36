package org.rramlab.bench;

import java.nio.file.Path;
import java.util.List;
import org.rramlab.data.FashionMnist;
import org.rramlab.data.LabelledImages;
import org.rramlab.data.audio.FeatureConfig;
import org.rramlab.data.audio.SpokenDigits;
import org.rramlab.data.retina.FundusImage;
import org.rramlab.data.retina.Patches;
import org.rramlab.data.retina.Preprocess;
import org.rramlab.data.retina.SyntheticFundus;
import org.rramlab.metrics.PrAuc;
import org.rramlab.metrics.RocAuc;
import org.rramlab.metrics.SegmentationScores;

/**
 * Wall-clock figures of the data side: loading, featurising, generating, preprocessing, scoring. Run from the
 * repository root after {@code mvn -q -o package -DskipTests}:
 * {@code java -Xmx4g -cp 'lib-src/target/notebook-lib/*' org.rramlab.bench.DataBenchmark}
 * (or {@code mvn -q -pl lib-src exec:java -Dexec.mainClass=org.rramlab.bench.DataBenchmark} where the exec plugin is
 * available). Each step runs twice; the second (warm JIT) time is the one to compare.
 */
public final class DataBenchmark {

    private DataBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println("data benchmark, " + Runtime.getRuntime().availableProcessors() + " cores");
        for (int run = 1; run <= 2; run++) {
            System.out.println("-- run " + run);
            Path fashion = FashionMnist.locate();
            long t = System.nanoTime();
            LabelledImages train = FashionMnist.load(fashion, true);
            report("Fashion-MNIST train load (" + train.size() + " images)", t);
            t = System.nanoTime();
            LabelledImages.Split split = train.split(50_000 / 60_000.0, 1);
            report("Fashion-MNIST seeded 50k/10k split", t);
            split.first().images().close();
            split.second().images().close();
            train.images().close();

            t = System.nanoTime();
            SpokenDigits fsdd = SpokenDigits.load(SpokenDigits.locate());
            report("FSDD read " + fsdd.size() + " WAV files (+ sha256 each)", t);
            t = System.nanoTime();
            LabelledImages.Split digits = fsdd.randomSplit(0.7, 1);
            report("FSDD 23x20 log-mel features, 70/30 split (" + digits.first().size() + "/" + digits.second().size() + ")", t);
            System.out.println("   recordings cut at 20 frames: " + fsdd.countLongerThan(FeatureConfig.PAPER));
            if (run == 1) {
                // how informative the features are, with no network at all: 1-nearest-neighbour accuracy
                System.out.printf("   1-NN test accuracy, log-mel: random 70/30 %.3f, official split %.3f%n",
                        nearestNeighbourAccuracy(digits), nearestNeighbourAccuracy(fsdd.officialSplit()));
                System.out.printf("   1-NN test accuracy, MFCC:    random 70/30 %.3f, official split %.3f%n",
                        nearestNeighbourAccuracy(fsdd.randomSplit(0.7, 1, FeatureConfig.MFCC)),
                        nearestNeighbourAccuracy(fsdd.officialSplit(FeatureConfig.MFCC)));
            }

            t = System.nanoTime();
            List<FundusImage> fundus = SyntheticFundus.generate(20, 565, 584, 1);
            report("synthetic fundus 20 x 565x584", t);
            t = System.nanoTime();
            List<float[]> pre = Preprocess.all(fundus);
            report("preprocess 20 images (grey, z-score, min-max, CLAHE, gamma)", t);
            t = System.nanoTime();
            var patches = Patches.sample(pre, fundus, 5000, 64, 1);
            var augmented = Patches.augment(patches, 48, 1);
            report("5000 patches 64x64 + augment to 48x48", t);
            patches.images().close();
            augmented.images().close();
            t = System.nanoTime();
            // a no-learning baseline through the full-image path: vessel probability = 1 - preprocessed intensity
            float[] probability = Patches.predictFull(pre.get(0), 565, 584, 48, 24, 64, batch -> batch.rsub(1.0));
            FundusImage first = fundus.get(0);
            SegmentationScores inFov = SegmentationScores.of(probability, first.vessel(), first.fov());
            report(String.format("full-image tiling (48, stride 24) + FOV scores of the darkness baseline:"
                    + " ROC AUC %.3f, PR AUC %.3f, F1 %.3f, accuracy %.3f", inFov.rocAuc(), inFov.prAuc(), inFov.f1(),
                    inFov.accuracy()), t);

            int n = 20 * 565 * 565;
            float[] scores = new float[n];
            boolean[] vessel = new boolean[n];
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < n; i++) {
                vessel[i] = random.nextDouble() < 0.12;
                scores[i] = (float) (random.nextGaussian() + (vessel[i] ? 1.5 : 0));
            }
            t = System.nanoTime();
            double roc = RocAuc.of(scores, vessel), pr = PrAuc.of(scores, vessel);
            report(String.format("ROC AUC %.4f + PR AUC %.4f on %d pixels", roc, pr, n), t);
        }
    }

    /** Fraction of test maps whose nearest training map (Euclidean) has the same label. */
    static double nearestNeighbourAccuracy(LabelledImages.Split split) {
        float[][] train = rows(split.first()), test = rows(split.second());
        int correct = 0;
        for (int i = 0; i < test.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            int label = -1;
            for (int j = 0; j < train.length; j++) {
                double d = 0;
                for (int k = 0; k < test[i].length; k++) {
                    double diff = test[i][k] - train[j][k];
                    d += diff * diff;
                }
                if (d < best) {
                    best = d;
                    label = split.first().labels()[j];
                }
            }
            correct += label == split.second().labels()[i] ? 1 : 0;
        }
        return correct / (double) test.length;
    }

    private static float[][] rows(LabelledImages data) {
        return data.images().reshape(data.size(), -1).toFloatMatrix();
    }

    private static void report(String what, long start) {
        System.out.printf("%8.3f s  %s%n", (System.nanoTime() - start) / 1e9, what);
    }
}
