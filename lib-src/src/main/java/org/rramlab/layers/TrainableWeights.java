package org.rramlab.layers;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conventionally trained weights: the weight tensor is the parameter. Initialised as PyTorch's default layers
 * (Kaiming-uniform with a = √5, i.e. U(−1/√fanIn, 1/√fanIn)), seeded.
 */
public final class TrainableWeights implements LayerWeights {
    private final Param weight;

    public TrainableWeights(long[] shape, long seed) {
        this.weight = new Param("weight", Param.Kind.WEIGHT, kaimingUniform(shape, seed));
    }

    /** PyTorch's default init U(−b, b), b = gain·√(3/fanIn) with gain = √(2/(1+a²)), a = √5: b = 1/√fanIn. */
    public static INDArray kaimingUniform(long[] shape, long seed) {
        long fanIn = fanIn(shape);
        double bound = 1.0 / Math.sqrt(fanIn);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        long n = 1;
        for (long d : shape) n *= d;
        double[] values = new double[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) values[i] = (2 * random.nextDouble() - 1) * bound;
        return Nd4j.createFromArray(values).castTo(Nd4j.defaultFloatingPointType()).reshape('c', shape);
    }

    /** Inputs per output: in·kh·kw. */
    public static long fanIn(long[] shape) {
        if (shape.length < 2) throw new IllegalArgumentException("weight shape: expected [out, in, ...], got " + java.util.Arrays.toString(shape));
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) fanIn *= shape[i];
        return fanIn;
    }

    @Override public long[] shape() { return weight.value().shape(); }
    @Override public INDArray weights(boolean training) { return weight.value(); }
    @Override public void backward(INDArray gradWeights) { weight.grad().assign(gradWeights); }
    @Override public List<Param> params() { return List.of(weight); }
    public Param weight() { return weight; }
}
