package org.rramlab.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.rramlab.layers.Param;
import org.rramlab.simd.Parallel;

/**
 * SGD with momentum and L2 weight decay, exactly PyTorch's {@code torch.optim.SGD} (dampening 0, not Nesterov):
 * g = grad + wd·p; buf = momentum·buf + g (buf = g on the first step); p −= lr·buf.
 */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final double weightDecay;
    private final Map<Param, INDArray> buffers = new IdentityHashMap<>();
    private long steps;

    public Sgd(double momentum, double weightDecay) {
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum: expected [0, 1), got " + momentum);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay: expected >= 0, got " + weightDecay);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    @Override public void step(List<Param> params, double lr) {
        for (Param p : params) {
            if (plainFloat(p.value()) && plainFloat(p.grad()) && (momentum == 0 || buffers.get(p) == null || plainFloat(buffers.get(p)))) {
                stepFloat(p, lr);
                continue;
            }
            INDArray g = p.grad();
            if (weightDecay != 0) g.addi(p.value().mul(weightDecay));
            if (momentum != 0) {
                INDArray buf = buffers.get(p);
                if (buf == null) {
                    buf = g.dup();
                    buffers.put(p, buf);
                } else {
                    buf.muli(momentum).addi(g);
                }
                g = buf;
            }
            p.value().subi(g.mul(lr));
        }
        steps++;
    }

    /** Offset-0 contiguous float32: bulk-copyable to and from a Java array. */
    private static boolean plainFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length()
                && Shape.hasDefaultStridesForShape(a);
    }

    /** Below this many values an update runs on one thread (a hand-off costs tens of microseconds). */
    private static final int SPLIT = 1 << 16;
    /** Floats per block: value, gradient and momentum blocks of 32 kB each stay in the first-level cache. */
    private static final int BLOCK = 1 << 13;
    private static final ThreadLocal<float[][]> BLOCKS = ThreadLocal.withInitial(() -> new float[3][BLOCK]);

    /**
     * The same update as the ND4J path, block by block: each block of value, gradient and momentum buffer copied
     * into this thread's Java blocks, updated in one pass the JIT vectorises, copied back; the range split over the
     * cores. Each operation rounds to float32 in the same order as the ND4J ops (scalars cast to float first), so both
     * paths give identical numbers. {@code grad} is left as is. (Six ND4J passes and two temporaries took ~4× longer;
     * a pass reading the native memory through a FloatBuffer, which the JIT does not vectorise, 1.7× longer.)
     */
    private void stepFloat(Param p, double lr) {
        INDArray bufArray = momentum == 0 ? null : buffers.get(p);
        boolean first = momentum != 0 && bufArray == null;   // PyTorch: buf = g on the first step
        if (first) {
            bufArray = p.value().ulike();
            buffers.put(p, bufArray);
        }
        FloatPointer value = pointer(p.value()), grad = pointer(p.grad()), buffer = bufArray == null ? null : pointer(bufArray);
        float wd = (float) weightDecay, m = (float) momentum, rate = (float) lr;
        boolean decay = weightDecay != 0, reuse = buffer != null && !first;
        Parallel.forRange(Math.toIntExact(p.value().length()), SPLIT, (from, to) -> {
            float[][] blocks = BLOCKS.get();
            float[] v = blocks[0], g = blocks[1], b = blocks[2];
            // cursors of this share: a pointer's position is its own state
            FloatPointer vp = new FloatPointer(value), gp = new FloatPointer(grad), bp = buffer == null ? null : new FloatPointer(buffer);
            for (int at = from; at < to; at += BLOCK) {
                int len = Math.min(BLOCK, to - at);
                vp.position(at).get(v, 0, len);
                gp.position(at).get(g, 0, len);
                if (reuse) bp.position(at).get(b, 0, len);
                for (int i = 0; i < len; i++) {
                    float gi = decay ? g[i] + v[i] * wd : g[i];
                    if (reuse) gi = b[i] * m + gi;
                    g[i] = gi;   // g now holds the new momentum buffer
                    v[i] = v[i] - gi * rate;
                }
                vp.position(at).put(v, 0, len);
                if (bp != null) bp.position(at).put(g, 0, len);
            }
        });
    }

    private static FloatPointer pointer(INDArray a) {
        return ((FloatPointer) a.data().pointer()).position(0);
    }

    @Override public List<INDArray> state(List<Param> params) {
        List<INDArray> state = new ArrayList<>();
        for (Param p : params) if (buffers.containsKey(p)) state.add(buffers.get(p));
        return state;
    }

    @Override public long steps() { return steps; }

    @Override public void restore(List<Param> params, List<INDArray> state, long steps) {
        buffers.clear();
        if (!state.isEmpty()) {
            if (state.size() != params.size()) throw new IllegalArgumentException("SGD state: expected " + params.size() + " buffers, got " + state.size());
            for (int i = 0; i < params.size(); i++) buffers.put(params.get(i), state.get(i).dup());
        }
        this.steps = steps;
    }
}
