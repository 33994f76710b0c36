package org.rramlab.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import tech.tablesaw.api.Table;

/**
 * What a training run produced: per-epoch metrics and the selected epochs. Accuracies are fractions in [0, 1].
 *
 * @param metrics          one row per epoch (see {@link Trainer} for the columns)
 * @param bestTestEpoch    epoch (1-based) with the best test accuracy: the authors' model selection
 * @param bestTestAccuracy that accuracy
 * @param bestValidationEpoch epoch with the best validation accuracy (0 without a validation split)
 * @param testAtBestValidation test accuracy at that epoch (NaN without a validation split)
 * @param totalFlips       mask flips (SET + RESET) counted in all epochs
 */
public record TrainResult(Table metrics, int bestTestEpoch, double bestTestAccuracy, int bestValidationEpoch,
                          double testAtBestValidation, long totalFlips) {

    public double finalTestAccuracy() {
        return metrics.rowCount() == 0 ? Double.NaN : metrics.doubleColumn("test acc").get(metrics.rowCount() - 1);
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
