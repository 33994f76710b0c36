package org.rramlab.crossbar;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** Shape checks for the crossbar package; messages name the parameter, the shape found and the one expected. */
final class Shapes {
    private Shapes() {
    }

    static long elements(String name, long[] shape) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException(name + " = " + Arrays.toString(shape) + ": expected at least one dimension");
        }
        long n = 1;
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(name + " = " + Arrays.toString(shape) + ": every dimension must be > 0");
            }
            n = Math.multiplyExact(n, d);
        }
        if (n >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " = " + Arrays.toString(shape) + ": more than 2^31 elements");
        }
        return n;
    }

    static void same(String name, INDArray array, long[] expected) {
        if (array == null) {
            throw new IllegalArgumentException(name + " is null: expected an array of shape " + Arrays.toString(expected));
        }
        if (!Arrays.equals(array.shape(), expected)) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(array.shape()) + ", expected "
                    + Arrays.toString(expected));
        }
    }
}
