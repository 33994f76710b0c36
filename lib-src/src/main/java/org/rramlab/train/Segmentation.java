package org.rramlab.train;

import java.util.LinkedHashMap;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rramlab.data.retina.PatchBatch;
import org.rramlab.data.retina.Patches;
import org.rramlab.layers.Buffers;
import org.rramlab.layers.Layer;
import org.rramlab.layers.PixelCrossEntropy;
import org.rramlab.metrics.SegmentationScores;

/**
 * Two-class segmentation (logits [n, 2, h, w], dense targets [n, 1, h, w]) as the paper's DRIVE script: every epoch a
 * fresh augmentation of the training patches (random {@code crop}, flips, right-angle rotations), per-pixel
 * cross-entropy, and ROC AUC, PR AUC, F1 and accuracy on the pixels of the evaluated patches; model selection by ROC
 * AUC.
 *
 * @param crop side of the random training crop (the paper: 48 from 64x64 patches), a size the network takes
 */
public record Segmentation(int crop) implements Objective {

    public Segmentation {
        if (crop < 1) throw new IllegalArgumentException("crop: expected >= 1 pixels, got " + crop);
    }

    @Override public String score() { return "ROC AUC"; }

    @Override public List<String> scores() { return List.of("ROC AUC", "PR AUC", "F1", "accuracy"); }

    @Override public Examples epoch(Examples fit, long seed) {
        PatchBatch augmented = Patches.augment(new PatchBatch(fit.inputs(), fit.targets()), crop, seed);
        return Examples.dense(augmented.images(), augmented.truth());
    }

    @Override public Loss loss(INDArray output, Examples batch) {
        PixelCrossEntropy.Result r = PixelCrossEntropy.evaluate(output, batch.targets());
        return new Loss(r.loss(), r.gradLogits(), Double.NaN);
    }

    @Override public LinkedHashMap<String, Double> evaluate(Layer model, Examples data, int batchSize) {
        SegmentationScores s = SegmentationScores.onPixels(predict(model, data.inputs(), batchSize), data.targets());
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("ROC AUC", s.rocAuc());
        out.put("PR AUC", s.prAuc());
        out.put("F1", s.f1());
        out.put("accuracy", s.accuracy());
        return out;
    }

    /** Vessel probability [n, 1, h, w] of {@code images} [n, 1, h, w], in evaluation mode, batch by batch. */
    public static INDArray predict(Layer model, INDArray images, int batchSize) {
        long n = images.size(0);
        INDArray out = Nd4j.create(images.dataType(), images.shape());
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray x = images.get(NDArrayIndex.interval(from, to)).dup('c');
            INDArray logits = model.forward(x, false);
            INDArray p = PixelCrossEntropy.vesselProbability(logits);
            out.get(NDArrayIndex.interval(from, to)).assign(p);
            Buffers.free(p, logits, x);
        }
        return out;
    }
}
