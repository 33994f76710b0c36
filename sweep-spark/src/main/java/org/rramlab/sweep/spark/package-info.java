/**
 * Sweeps on Apache Spark: {@link org.rramlab.sweep.spark.SparkSweep} runs the cells of an {@link org.rramlab.sweep.SweepSpec}
 * as Spark jobs (one task per cell, Spark's retries), into the same results folder as the local pool, and writes the
 * results as Parquet; {@link org.rramlab.sweep.spark.SparkSweepMain} is {@code ./lab sweep --spark} and the cluster
 * jar's main class. In its own Maven module: the library and the notebooks never load Spark.
 */
package org.rramlab.sweep.spark;
