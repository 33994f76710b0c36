package org.rramlab.device;

/**
 * A seeded stream of standard normal draws by the ziggurat method (Marsaglia and Tsang, J. Stat. Softw. 5(8), 2000:
 * 128 layers): the sampler behind every read-noise draw. A fresh read of a 512x512 array needs 262,144 draws per
 * multiply, so this is the hot path of the noisy crossbar; {@link #fill} is ~4x faster here than
 * {@link java.util.SplittableRandom#nextGaussian()} (figures in docs/performance.md).
 *
 * <p>Why it is fast: the 64-bit generator (SplitMix64, the same mixer as {@link java.util.SplittableRandom}) keeps
 * its state in a register inside {@link #fill}, and one 64-bit word gives two draws (7 bits choose the layer, 24 bits
 * the signed value of each). Why it is exact: the layer and the value come from disjoint bits (the original 32-bit
 * RNOR reused bits for both, a known flaw, Doornik 2005); wedges and the tail beyond r = 3.44 are drawn by the
 * original rejection steps, so the output is N(0, 1) up to the 2^-23 resolution of the value, that of a float.
 *
 * <p>Not thread-safe: one stream per thread (split seeds, as {@link GaussianNoise} does).
 */
public final class Ziggurat {
    private static final int LAYERS = 128;
    private static final double R = 3.442619855899;            // start of the tail
    private static final double AREA = 9.91256303526217e-3;    // area of each layer
    private static final double SCALE = 8388608.0;             // 2^23: values are signed 24-bit integers
    private static final long GAMMA = 0x9e3779b97f4a7c15L;     // SplitMix64's odd increment
    private static final int[] K = new int[LAYERS];            // |value| below K[i]: inside the layer's rectangle
    private static final float[] W = new float[LAYERS];        // value -> x
    private static final double[] F = new double[LAYERS];      // density at each layer's edge

    static {
        double dn = R, tn = dn, q = AREA / Math.exp(-0.5 * dn * dn);
        K[0] = (int) (dn / q * SCALE);
        K[1] = 0;
        W[0] = (float) (q / SCALE);
        W[LAYERS - 1] = (float) (dn / SCALE);
        F[0] = 1.0;
        F[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
        for (int i = LAYERS - 2; i >= 1; i--) {
            dn = Math.sqrt(-2 * Math.log(AREA / dn + Math.exp(-0.5 * dn * dn)));
            K[i + 1] = (int) (dn / tn * SCALE);
            tn = dn;
            F[i] = Math.exp(-0.5 * dn * dn);
            W[i] = (float) (dn / SCALE);
        }
    }

    private long state;

    public Ziggurat(long seed) {
        this.state = seed;
    }

    /** One N(0, 1) draw (uses one 64-bit word; {@link #fill} uses half a word per draw). */
    public double next() {
        return draw((int) nextLong());
    }

    /** Fills {@code out[from, to)} with N(0, 1) draws. */
    public void fill(float[] out, int from, int to) {
        fillRead(out, from, to, null, null, 0);
    }

    /**
     * A fused noisy read: {@code out[i] = mean[base + i] + sigma[base + i] * z_i} for i in [from, to), z_i ~ N(0, 1);
     * with {@code mean == null}, plain draws. One pass: the draws never go through memory.
     */
    public void fillRead(float[] out, int from, int to, float[] mean, float[] sigma, int base) {
        boolean read = mean != null;
        long s = state;
        int i = from;
        for (; i + 1 < to; i += 2) {
            s += GAMMA;
            long bits = mix(s);
            int lo = (int) bits, hi = (int) (bits >>> 32);
            int layerLo = lo & (LAYERS - 1), valueLo = lo >> 8;
            int layerHi = hi & (LAYERS - 1), valueHi = hi >> 8;
            float a, b;
            if (Math.abs(valueLo) < K[layerLo] && Math.abs(valueHi) < K[layerHi]) {   // ~98 % of pairs
                a = valueLo * W[layerLo];
                b = valueHi * W[layerHi];
            } else {
                state = s;
                a = (float) draw(lo);
                b = (float) draw(hi);
                s = state;
            }
            out[i] = read ? mean[base + i] + sigma[base + i] * a : a;
            out[i + 1] = read ? mean[base + i + 1] + sigma[base + i + 1] * b : b;
        }
        state = s;
        if (i < to) {
            float z = (float) next();
            out[i] = read ? mean[base + i] + sigma[base + i] * z : z;
        }
    }

    /** A draw from 32 random bits: layer from the low 7, signed value from the high 24; rejection when needed. */
    private double draw(int bits) {
        int layer = bits & (LAYERS - 1), value = bits >> 8;
        while (true) {
            if (Math.abs(value) < K[layer]) {
                return value * (double) W[layer];
            }
            double x = value * (double) W[layer];
            if (layer == 0) {   // the tail beyond R, Marsaglia's method
                double tail, y;
                do {
                    tail = -Math.log(uniformOpen()) / R;
                    y = -Math.log(uniformOpen());
                } while (y + y < tail * tail);
                return value > 0 ? R + tail : -R - tail;
            }
            if (F[layer] + uniformOpen() * (F[layer - 1] - F[layer]) < Math.exp(-0.5 * x * x)) {
                return x;
            }
            int next = (int) nextLong();
            layer = next & (LAYERS - 1);
            value = next >> 8;
        }
    }

    private long nextLong() {
        state += GAMMA;
        return mix(state);
    }

    /** Uniform on (0, 1): 53 random bits, never 0, so its logarithm is finite. */
    private double uniformOpen() {
        long bits;
        do {
            bits = nextLong() >>> 11;
        } while (bits == 0);
        return bits * 0x1.0p-53;
    }

    /** SplitMix64's finaliser (Stafford's variant 13), as in java.util.SplittableRandom. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
