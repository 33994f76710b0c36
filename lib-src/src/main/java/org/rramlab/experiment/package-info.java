/**
 * Experiments as data and the one way to run them. {@link org.rramlab.experiment.ExperimentSpec}: task, network, weights,
 * prune config, the chain of every layer, training, the baseline, profile and seed; JSON both ways with errors naming the
 * JSON path ({@link org.rramlab.experiment.SpecJson}); named {@link org.rramlab.experiment.Presets}; every seed from the
 * spec's one ({@link org.rramlab.experiment.Seeds}). {@link org.rramlab.experiment.Experiment} runs a spec for any task
 * (checkpoints, resume, the programmed baseline, energy), writing metrics, a summary and
 * {@link org.rramlab.experiment.Provenance}; {@link org.rramlab.experiment.Run} is {@code ./lab run}. Figures of runs per
 * task ({@link org.rramlab.experiment.RunFigures}, {@link org.rramlab.experiment.RetinaFigures},
 * {@link org.rramlab.experiment.SpokenDigitsPlots}).
 *
 * <p>May import every package below it: study, energy, train, network, prune, layers, crossbar, device, data, metrics,
 * plot, simd, util. Not report, notebook or bench.
 */
package org.rramlab.experiment;
