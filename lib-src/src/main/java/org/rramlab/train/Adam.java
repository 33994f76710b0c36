package org.rramlab.train;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rramlab.layers.Param;

/** Adam with L2 weight decay added to the gradient, as PyTorch's {@code torch.optim.Adam}. */
public final class Adam implements Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final Map<Param, INDArray[]> moments = new IdentityHashMap<>();
    private long steps;

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
            INDArray g = p.grad();
            if (weightDecay != 0) g.addi(p.value().mul(weightDecay));
            INDArray[] m = moments.computeIfAbsent(p, k -> new INDArray[] {g.ulike().assign(0), g.ulike().assign(0)});
            m[0].muli(beta1).addi(g.mul(1 - beta1));
            m[1].muli(beta2).addi(g.mul(g).muli(1 - beta2));
            INDArray denom = Transforms.sqrt(m[1].div(c2), false).addi(eps);
            p.value().subi(m[0].div(denom).muli(lr / c1));
        }
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
