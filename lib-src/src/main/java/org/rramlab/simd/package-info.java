/**
 * The fast kernels: vectorised kernels of the noisy multiply chain (read-noise draws, DAC/ADC quantisation), ReLU's
 * gradient gate and the pruned layers' scan for changed edges, on the JDK's incubating Vector API, with scalar fallbacks.
 *
 * <p>{@link org.rramlab.simd.Simd} is the entry point: it uses SIMD registers when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (set by {@code ./lab}, the Maven build and the notebook kernel) and the CPU
 * has 256-bit vectors or wider, and plain loops otherwise. Only the package-private {@code Vector*} classes touch the
 * incubator module, so a JVM without it never loads them. Quantisation gives bit-identical results either way;
 * Gaussian draws have the same distribution but different numbers (see {@link org.rramlab.device.GaussianNoise}).
 *
 * <p>{@link org.rramlab.simd.Parallel} is the library's use of the cores (native libraries run single-threaded: see
 * there), {@link org.rramlab.simd.Gemm} the products split over them by rows, {@link org.rramlab.simd.BlockGemm} the
 * products of rectangles inside arrays (a tiled layer's blocks, without copying them out).
 *
 * <p>Imports no other rramlab package (ND4J and the OpenBLAS bindings it ships with, for the products).
 */
package org.rramlab.simd;
