/**
 * Spoken digits: {@link org.rramlab.data.audio.WavReader} (PCM 8/16-bit, any channels and rate),
 * {@link org.rramlab.data.audio.Resampler} (windowed sinc), {@link org.rramlab.data.audio.Features} (log-mel or
 * MFCC maps, configured by {@link org.rramlab.data.audio.FeatureConfig}), and
 * {@link org.rramlab.data.audio.SpokenDigits} (FSDD with its splits).
 */
package org.rramlab.data.audio;
