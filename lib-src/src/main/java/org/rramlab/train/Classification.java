package org.rramlab.train;

import java.util.LinkedHashMap;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.layers.Buffers;
import org.rramlab.layers.CrossEntropy;
import org.rramlab.layers.Layer;

/**
 * Classification into labelled classes: cross-entropy (with optional label smoothing), accuracy, model selection by
 * accuracy; training batches augmented by {@link Augmentation} (seeded per batch, so resumes match).
 */
public record Classification(Augmentation augmentation, double labelSmoothing) implements Objective {

    public Classification {
        if (augmentation == null) throw new IllegalArgumentException("augmentation: expected an Augmentation (Augmentation.NONE for none), got null");
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new IllegalArgumentException("labelSmoothing: expected [0, 1), got " + labelSmoothing);
    }

    /** No augmentation, no label smoothing: the authors' setting. */
    public static Classification plain() {
        return new Classification(Augmentation.NONE, 0);
    }

    @Override public String score() { return "acc"; }

    @Override public List<String> scores() { return List.of("loss", "acc"); }

    @Override public boolean scoresTraining() { return true; }

    @Override public INDArray batchInputs(Examples batch, long seed) {
        return augmentation.apply(batch.inputs(), seed);
    }

    @Override public Loss loss(INDArray output, Examples batch) {
        CrossEntropy.Result r = CrossEntropy.evaluate(output, batch.labels(), labelSmoothing);
        return new Loss(r.loss(), r.gradLogits(), r.correct());
    }

    @Override public LinkedHashMap<String, Double> evaluate(Layer model, Examples data, int batchSize) {
        double loss = 0;
        long correct = 0;
        for (int from = 0; from < data.size(); from += batchSize) {
            Examples batch = data.range(from, Math.min(data.size(), from + batchSize));
            INDArray logits = model.forward(batch.inputs(), false);
            CrossEntropy.Result r = CrossEntropy.evaluate(logits, batch.labels());
            loss += r.loss() * batch.size();
            correct += r.correct();
            Buffers.free(r.gradLogits(), logits, batch.inputs());
        }
        LinkedHashMap<String, Double> s = new LinkedHashMap<>();
        s.put("loss", loss / data.size());
        s.put("acc", correct / (double) data.size());
        return s;
    }
}
