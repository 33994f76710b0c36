package org.rramlab.device;

import org.rramlab.util.Check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measured conductances that replace the model: a CSV with one row per cell and one column per repeated read, in uS.
 * Lines starting with {@code #} and a first line that is not numeric (a header) are skipped. Every row must have
 * the same number of reads; every value must be a finite conductance >= 0.
 *
 * <p>The row means are the cells' stored conductances ({@link #formedDistribution()}); the spread of the repeated
 * reads gives the read noise ({@link #readNoise()}: a least-squares fit of var = (relative G)^2 + additive^2).
 */
public final class ConductanceTable {
    private final String source;
    private final double[][] readsUs;

    private ConductanceTable(String source, double[][] readsUs) {
        this.source = source;
        this.readsUs = readsUs;
    }

    /** Reads a CSV file; errors name the file, line, column and value. */
    public static ConductanceTable load(Path csv) {
        try {
            return parse(csv.toString(), Files.readAllLines(csv));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conductance table " + csv, e);
        }
    }

    /** Parses CSV lines; {@code source} names them in error messages. */
    public static ConductanceTable parse(String source, List<String> lines) {
        List<double[]> rows = new ArrayList<>();
        int width = -1;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\\s*[,;]\\s*");
            if (rows.isEmpty() && width < 0 && !isNumber(cells[0])) {
                width = 0; // header line; its width is not binding
                continue;
            }
            double[] row = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                String where = source + " line " + (n + 1) + " column " + (c + 1);
                double v;
                try {
                    v = Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": '" + cells[c] + "' is not a number (conductance in uS)");
                }
                Check.conductance(where, v);
                row[c] = v;
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new IllegalArgumentException(source + " line " + (n + 1) + ": row length " + row.length
                        + " reads, expected " + rows.get(0).length + " like the first row");
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no rows of conductances found");
        }
        return new ConductanceTable(source, rows.toArray(double[][]::new));
    }

    /** Repeated reads (uS) of each cell, one row per cell (rows may differ in length): the read-noise fit of measured data. */
    static ConductanceTable ofReads(String source, double[][] readsUs) {
        if (readsUs.length == 0) throw new IllegalArgumentException(source + ": no rows of conductances found");
        return new ConductanceTable(source, readsUs);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public String source() {
        return source;
    }

    public int cells() {
        return readsUs.length;
    }

    public int readsPerCell() {
        return readsUs[0].length;
    }

    /** Mean of each cell's reads, uS. */
    public double[] cellMeansUs() {
        double[] m = new double[readsUs.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = mean(readsUs[i]);
        }
        return m;
    }

    /** The stored conductances as an empirical distribution (a draw picks one measured cell). */
    public Empirical formedDistribution() {
        return new Empirical(cellMeansUs());
    }

    /** Read noise fitted to the repeated reads; none when each cell was read once. */
    public ReadNoise readNoise() {
        if (readsPerCell() < 2) {
            return ReadNoise.NONE;
        }
        // Least squares of var_i = a * mean_i^2 + b, then relative = sqrt(a), additive = sqrt(b), both clamped at 0.
        int n = readsUs.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] row : readsUs) {
            double m = mean(row);
            double var = 0;
            for (double v : row) {
                var += (v - m) * (v - m);
            }
            var /= row.length - 1;
            double x = m * m;
            sx += x;
            sy += var;
            sxx += x * x;
            sxy += x * var;
        }
        double det = n * sxx - sx * sx;
        double a = det == 0 ? 0 : (n * sxy - sx * sy) / det;
        double b = det == 0 ? sy / n : (sy - a * sx) / n;
        if (a < 0) {
            a = 0;
            b = sy / n;
        }
        if (b < 0) {
            b = 0;
            a = sxx == 0 ? 0 : sxy / sxx;
        }
        return new ReadNoise(Math.sqrt(a), Math.sqrt(b));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
