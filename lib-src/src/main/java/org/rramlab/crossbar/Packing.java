package org.rramlab.crossbar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Where a macro's layers go: cuts an out x in layer into {@link Block}s of at most rows x cols pairs and packs them
 * onto arrays (guillotine packing, best area fit), opening a new array when none has room, up to a maximum. Holds only
 * the free rectangles, no cells: {@link Macro} places with it and adds an array of cells whenever it opens one, and
 * {@link MacroPlan} places with it alone, so a plan is the placement a formed macro would get.
 */
final class Packing {
    private final int rows, cols, maxArrays;
    private final List<List<int[]>> free = new ArrayList<>(); // per array: free rectangles {top, left, height, width}

    Packing(int rows, int cols, int maxArrays) {
        this.rows = rows;
        this.cols = cols;
        this.maxArrays = maxArrays;
    }

    /** Arrays opened so far. */
    int arrays() { return free.size(); }

    /** Cuts an out x in layer into blocks and finds room for each; refuses when the macro is full. */
    List<Block> place(String layer, int out, int in) {
        List<Block> blocks = new ArrayList<>();
        for (int i0 = 0; i0 < in; i0 += rows) {
            for (int o0 = 0; o0 < out; o0 += cols) {
                int h = Math.min(rows, in - i0), wd = Math.min(cols, out - o0);
                Block b = fit(h, wd, i0, o0);
                if (b == null) {
                    long need = (long) out * in, freePairs = free.stream().flatMap(List::stream).mapToLong(f -> (long) f[2] * f[3]).sum();
                    throw new IllegalArgumentException("layer " + layer + " (" + out + " x " + in + " = " + need + " pairs): the macro's "
                            + maxArrays + " array(s) of " + rows + " x " + cols + " pairs are full (" + freePairs + " pairs free in pieces "
                            + "too small); use a macro with more arrays (maxArrays) or a smaller network");
                }
                blocks.add(b);
            }
        }
        return blocks;
    }

    /**
     * Guillotine packing, best area fit: the block goes into the smallest free rectangle (of any array, in order)
     * that holds it, at its top-left corner; the rest of that rectangle becomes a full-height strip to its right and
     * a piece below it. Keeping full-height strips suits crossbar blocks, most of which are tall (up to all rows of
     * inputs) and narrow. Returns null when no array has room and no array may be added.
     */
    private Block fit(int h, int w, int inOffset, int outOffset) {
        int bestArray = -1, bestIndex = -1;
        long bestArea = Long.MAX_VALUE;
        for (int a = 0; a < free.size() && bestArray < 0; a++) {
            List<int[]> rects = free.get(a);
            for (int i = 0; i < rects.size(); i++) {
                int[] f = rects.get(i);
                long area = (long) f[2] * f[3];
                if (f[2] >= h && f[3] >= w && area < bestArea) {
                    bestArray = a;
                    bestIndex = i;
                    bestArea = area;
                }
            }
        }
        if (bestArray < 0) {
            if (free.size() >= maxArrays) return null;
            List<int[]> rects = new ArrayList<>();
            rects.add(new int[]{0, 0, rows, cols});
            free.add(rects);
            bestArray = free.size() - 1;
            bestIndex = 0;
        }
        List<int[]> rects = free.get(bestArray);
        int[] f = rects.remove(bestIndex);               // {top, left, height, width}
        if (f[3] > w) {
            rects.add(new int[]{f[0], f[1] + w, f[2], f[3] - w});
        }
        if (f[2] > h) {
            rects.add(new int[]{f[0] + h, f[1], f[2] - h, w});
        }
        return new Block(bestArray, f[0], f[1], h, w, inOffset, outOffset);
    }

    /** One row per block of each layer: layer, array, cell rows and pair columns used, pairs (the placement report). */
    static Table blockTable(String title, Map<String, List<Block>> layers) {
        StringColumn layer = StringColumn.create("layer");
        IntColumn array = IntColumn.create("array"), r0 = IntColumn.create("first row"), r1 = IntColumn.create("last row"),
                c0 = IntColumn.create("first pair column"), c1 = IntColumn.create("last pair column");
        LongColumn pairs = LongColumn.create("pairs");
        layers.forEach((name, blocks) -> {
            for (Block b : blocks) {
                layer.append(name);
                array.append(b.array());
                r0.append(b.rowOffset());
                r1.append(b.rowOffset() + b.rows() - 1);
                c0.append(b.colOffset());
                c1.append(b.colOffset() + b.cols() - 1);
                pairs.append(b.pairs());
            }
        });
        return Table.create(title, layer, array, r0, r1, c0, c1, pairs);
    }
}
