package org.rramlab.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.layers.Param;

/** Adam with L2 weight decay added to the gradient, as PyTorch's {@code torch.optim.Adam}. */
public final class Adam implements Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final Map<Param, INDArray[]> moments = new IdentityHashMap<>();
    private long steps;
    private final float[][] scratch = {new float[0], new float[0], new float[0], new float[0]};   // weights, gradient, moments: reused by stepFloat

    public Adam(double beta1, double beta2, double eps, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam betas: expected [0, 1), got " + beta1 + ", " + beta2);
        if (!(eps > 0)) throw new IllegalArgumentException("Adam eps: expected > 0, got " + eps);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay: expected >= 0, got " + weightDecay);
        this.beta1 = beta1; this.beta2 = beta2; this.eps = eps; this.weightDecay = weightDecay;
    }

    /** PyTorch's defaults (0.9, 0.999, 1e-8) with the given weight decay. */
    public Adam(double weightDecay) { this(0.9, 0.999, 1e-8, weightDecay); }

    @Override public void step(List<Param> params, double lr) {
        steps++;
        double c1 = 1 - Math.pow(beta1, steps), c2 = 1 - Math.pow(beta2, steps);
        for (Param p : params) {
            if (plainFloat(p.value()) && plainFloat(p.grad())) {
                stepFloat(p, lr, c1, c2);
                continue;
            }
            INDArray g = p.grad();
            if (weightDecay != 0) g.addi(p.value().mul(weightDecay));
            INDArray[] m = moments.computeIfAbsent(p, k -> new INDArray[] {g.ulike().assign(0), g.ulike().assign(0)});
            m[0].muli(beta1).addi(g.mul(1 - beta1));
            m[1].muli(beta2).addi(g.mul(g).muli(1 - beta2));
            INDArray denom = Transforms.sqrt(m[1].div(c2), false).addi(eps);
            p.value().subi(m[0].div(denom).muli(lr / c1));
        }
    }

    /** Offset-0 contiguous float32: bulk-copyable to and from a Java array. */
    private static boolean plainFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length()
                && Shape.hasDefaultStridesForShape(a);
    }

    /**
     * The ND4J path's update in one Java pass over bulk copies, each operation rounded to float32 in the same order
     * (scalars cast to float first). The ND4J path left five parameter-sized temporaries per parameter and step to the
     * garbage collector (~90 MB per step at the paper U-Net's 4.3 M scores); this one allocates nothing native after
     * the first step. {@code grad} is left as is.
     */
    private void stepFloat(Param p, double lr, double c1, double c2) {
        int n = Math.toIntExact(p.value().length());
        INDArray[] m = moments.computeIfAbsent(p, k -> new INDArray[] {p.value().ulike().assign(0), p.value().ulike().assign(0)});
        if (scratch[0].length < n) for (int i = 0; i < scratch.length; i++) scratch[i] = new float[n];
        float[] w = scratch[0], g = scratch[1], first = scratch[2], second = scratch[3];
        pointer(p.value()).get(w, 0, n);
        pointer(p.grad()).get(g, 0, n);
        pointer(m[0]).get(first, 0, n);
        pointer(m[1]).get(second, 0, n);
        float wd = (float) weightDecay, b1 = (float) beta1, b2 = (float) beta2, oneMinusB1 = (float) (1 - beta1), oneMinusB2 = (float) (1 - beta2);
        float bias2 = (float) c2, epsilon = (float) eps, rate = (float) (lr / c1);
        for (int i = 0; i < n; i++) {
            float gi = weightDecay != 0 ? g[i] + w[i] * wd : g[i];
            first[i] = first[i] * b1 + gi * oneMinusB1;
            second[i] = second[i] * b2 + (gi * gi) * oneMinusB2;
            float denom = (float) Math.sqrt(second[i] / bias2) + epsilon;
            w[i] = w[i] - (first[i] / denom) * rate;
        }
        pointer(p.value()).put(w, 0, n);
        pointer(m[0]).put(first, 0, n);
        pointer(m[1]).put(second, 0, n);
    }

    private static FloatPointer pointer(INDArray a) {
        return ((FloatPointer) a.data().pointer()).position(0);
    }

    @Override public List<INDArray> state(List<Param> params) {
        List<INDArray> state = new ArrayList<>();
        for (Param p : params) if (moments.containsKey(p)) { state.add(moments.get(p)[0]); state.add(moments.get(p)[1]); }
        return state;
    }

    @Override public long steps() { return steps; }

    @Override public void restore(List<Param> params, List<INDArray> state, long steps) {
        moments.clear();
        if (!state.isEmpty()) {
            if (state.size() != 2 * params.size()) throw new IllegalArgumentException("Adam state: expected " + 2 * params.size() + " arrays, got " + state.size());
            for (int i = 0; i < params.size(); i++) moments.put(params.get(i), new INDArray[] {state.get(2 * i).dup(), state.get(2 * i + 1).dup()});
        }
        this.steps = steps;
    }
}
