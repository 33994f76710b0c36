package org.rramlab.nn.optim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.nn.Param;

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
