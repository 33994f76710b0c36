package org.rramlab.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import tech.tablesaw.api.Table;

/**
 * What a training run produced: per-epoch metrics and the selected epochs. Scores are fractions in [0, 1] (accuracy,
 * ROC AUC).
 *
 * @param metrics          one row per epoch (see {@link Trainer} for the columns)
 * @param score            the objective's selection score, e.g. "acc" or "ROC AUC"
 * @param bestTestEpoch    epoch (1-based) with the best test score: the authors' model selection
 * @param bestTestScore    that score
 * @param bestValidationEpoch epoch with the best validation score (0 without a validation split)
 * @param testAtBestValidation test score at that epoch (NaN without a validation split)
 * @param totalFlips       mask flips (SET + RESET) counted in all epochs
 */
public record TrainResult(Table metrics, String score, int bestTestEpoch, double bestTestScore, int bestValidationEpoch,
                          double testAtBestValidation, long totalFlips) {

    /** The test score after the last epoch. */
    public double finalTestScore() {
        return metrics.rowCount() == 0 ? Double.NaN : metrics.doubleColumn("test " + score).getDouble(metrics.rowCount() - 1);
    }

    /** Test score {@code name} (e.g. "PR AUC") at epoch {@code epoch} (1-based). */
    public double testScoreAt(int epoch, String name) {
        if (epoch < 1 || epoch > metrics.rowCount()) {
            throw new IllegalArgumentException("epoch " + epoch + ": the run has epochs 1.." + metrics.rowCount());
        }
        return metrics.doubleColumn("test " + name).getDouble(epoch - 1);
    }

    public double meanEpochSeconds() { return metrics.doubleColumn("seconds").mean(); }

    /** Writes the metrics as CSV (temp file, then moved into place). */
    public void writeCsv(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            metrics.write().csv(tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("results CSV " + file + ": " + e.getMessage(), e);
        }
    }
}
