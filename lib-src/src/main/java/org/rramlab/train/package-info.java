/**
 * Training: the one {@link org.rramlab.train.Trainer} for every task, with an {@link org.rramlab.train.Objective}
 * ({@link org.rramlab.train.Classification} or {@link org.rramlab.train.Segmentation}), the cosine schedule, SGD and
 * Adam, checkpoints a killed run resumes from, batch-norm statistics, augmentation, native-memory housekeeping, and the
 * {@link org.rramlab.train.Progress} contract (training reports progress, it never draws it).
 *
 * <p>May import prune, layers, data and metrics (and what they import); never display code.
 */
package org.rramlab.train;
