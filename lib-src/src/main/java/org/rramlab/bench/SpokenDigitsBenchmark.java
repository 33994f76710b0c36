package org.rramlab.bench;

import java.util.Locale;
import org.rramlab.data.audio.SpokenDigits;
import org.rramlab.nn.experiments.SpokenDigitsConfig;
import org.rramlab.nn.experiments.SpokenDigitsExperiment;
import org.rramlab.nn.train.Examples;
import org.rramlab.nn.train.TrainResult;
import org.rramlab.nn.train.Trainer;
import org.rramlab.prune.ProgrammingLedger;

/**
 * Seconds per epoch of the spoken-digit CRNN at the paper's settings (2,100 training recordings, batch 30, test on
 * 900, 3-bit, keep 0.5) for pruned random device weights and pruned software weights; the authors' script takes 3.5 s
 * per epoch on 2 CPU cores. Also times loading FSDD and computing the features. Arguments: [epochs] (default 3).
 *
 * <pre>mvn -q -o package -DskipTests &amp;&amp; OMP_WAIT_POLICY=PASSIVE java -cp 'lib-src/target/notebook-lib/*' org.rramlab.bench.SpokenDigitsBenchmark</pre>
 */
public final class SpokenDigitsBenchmark {
    private SpokenDigitsBenchmark() {}

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long t0 = System.nanoTime();
        SpokenDigits data = SpokenDigits.load(SpokenDigits.locate());
        long t1 = System.nanoTime();
        SpokenDigitsConfig config = SpokenDigitsConfig.paper().withEpochs(epochs);
        SpokenDigitsExperiment experiment = new SpokenDigitsExperiment(config);
        Examples[] split = experiment.paperSplit(data);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "load %d recordings: %.2f s; features + split %d/%d: %.2f s%n",
                data.size(), (t1 - t0) / 1e9, split[0].size(), split[1].size(), (t2 - t1) / 1e9);
        for (SpokenDigitsExperiment.Variant v : new SpokenDigitsExperiment.Variant[] {
                SpokenDigitsExperiment.Variant.DEVICE_PRUNED, SpokenDigitsExperiment.Variant.SOFTWARE_PRUNED, SpokenDigitsExperiment.Variant.TRAINED_FLOAT}) {
            var model = experiment.model(v, new ProgrammingLedger());
            TrainResult r = new Trainer(model, config.trainConfig().withFlipLimit(
                    v == SpokenDigitsExperiment.Variant.DEVICE_PRUNED ? config.deviceFlipLimit() : org.rramlab.prune.FlipLimit.NONE)).fit(split[0], split[1]);
            var seconds = r.metrics().doubleColumn("seconds");
            // the first epoch includes JIT and native warm-up: report the later ones separately
            double later = epochs > 1 ? (seconds.sum() - seconds.get(0)) / (epochs - 1) : seconds.get(0);
            System.out.printf(Locale.ROOT, "%-32s %d epochs: %.2f s/epoch (train %d + test %d; first epoch %.2f s), test acc after epoch %d: %.1f %%%n",
                    v.label(), epochs, later, split[0].size(), split[1].size(), seconds.get(0), epochs, 100 * r.finalTestAccuracy());
        }
        System.out.println("target: <= 3.5 s/epoch (the authors' PyTorch script on 2 CPU cores)");
    }
}
