package org.rramlab.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The complete state of a run after an epoch, in one file written atomically (temp file, then move), so a killed
 * run resumes exactly where it stopped. Everything is a list of arrays plus a few scalars; {@link Trainer} decides
 * what goes in and in which order.
 */
record Checkpoint(int epochsDone, int flipStep, long optimizerSteps, double[] scalars, List<INDArray> arrays,
                  List<boolean[]> masks, List<float[]> references, List<long[]> ledger, List<long[]> sourceStates,
                  List<byte[]> sourceCells, List<double[]> metricRows) {

    /**
     * Version 3: each pruned layer's SET/RESET counts, then its source's state (training-read index, read-noise state,
     * the tile's counters) and cells (states and, where switching redraws them, conductances). Versions 1 and 2 held
     * software or array-copy weights that this version no longer has: they are refused with a clear message.
     */
    private static final String MAGIC = "rramlab-checkpoint-3";

    void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeUTF(MAGIC);
                out.writeInt(epochsDone);
                out.writeInt(flipStep);
                out.writeLong(optimizerSteps);
                writeDoubles(out, scalars);
                out.writeInt(arrays.size());
                for (INDArray a : arrays) Nd4j.write(a, out);
                out.writeInt(masks.size());
                for (int i = 0; i < masks.size(); i++) {
                    boolean[] m = masks.get(i);
                    out.writeInt(m.length);
                    for (boolean b : m) out.writeBoolean(b);
                    float[] r = references.get(i);
                    for (float f : r) out.writeFloat(f);
                }
                out.writeInt(ledger.size());
                for (int i = 0; i < ledger.size(); i++) {
                    out.writeLong(ledger.get(i)[0]);
                    out.writeLong(ledger.get(i)[1]);
                    long[] state = sourceStates.get(i);
                    out.writeInt(state.length);
                    for (long v : state) out.writeLong(v);
                    byte[] cells = sourceCells.get(i);
                    out.writeInt(cells.length);
                    out.write(cells);
                }
                out.writeInt(metricRows.size());
                for (double[] row : metricRows) writeDoubles(out, row);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + file + ": write failed: " + e.getMessage(), e);
        }
    }

    static Checkpoint read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IllegalArgumentException("checkpoint " + file + ": expected header '" + MAGIC + "', found '" + magic + "'"
                        + (magic.startsWith("rramlab-checkpoint-") ? " (written by an older rramlab: delete it to start the run afresh)" : ""));
            }
            int epochs = in.readInt(), flipStep = in.readInt();
            long steps = in.readLong();
            double[] scalars = readDoubles(in);
            int na = in.readInt();
            List<INDArray> arrays = new ArrayList<>();
            for (int i = 0; i < na; i++) arrays.add(Nd4j.read(in));
            int nm = in.readInt();
            List<boolean[]> masks = new ArrayList<>();
            List<float[]> refs = new ArrayList<>();
            for (int i = 0; i < nm; i++) {
                boolean[] m = new boolean[in.readInt()];
                for (int j = 0; j < m.length; j++) m[j] = in.readBoolean();
                float[] r = new float[m.length];
                for (int j = 0; j < r.length; j++) r[j] = in.readFloat();
                masks.add(m);
                refs.add(r);
            }
            int nl = in.readInt();
            List<long[]> ledger = new ArrayList<>();
            List<long[]> states = new ArrayList<>();
            List<byte[]> cells = new ArrayList<>();
            for (int i = 0; i < nl; i++) {
                ledger.add(new long[] {in.readLong(), in.readLong()});
                long[] state = new long[in.readInt()];
                for (int j = 0; j < state.length; j++) state[j] = in.readLong();
                states.add(state);
                byte[] c = new byte[in.readInt()];
                in.readFully(c);
                cells.add(c);
            }
            int nr = in.readInt();
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < nr; i++) rows.add(readDoubles(in));
            return new Checkpoint(epochs, flipStep, steps, scalars, arrays, masks, refs, ledger, states, cells, rows);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException("checkpoint " + file + ": truncated (ended early); delete it to start afresh", e);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double d : v) out.writeDouble(d);
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] v = new double[in.readInt()];
        for (int i = 0; i < v.length; i++) v[i] = in.readDouble();
        return v;
    }
}
