package org.rramlab.device;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.random.RandomGenerator;

/**
 * A distribution of cell conductances in microsiemens (uS), never negative.
 *
 * <p>Two kinds: a model ({@link TruncatedNormal}) and measured values ({@link Empirical}, e.g. from a
 * {@link ConductanceTable}). The JSON form names the kind in a {@code "type"} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TruncatedNormal.class, name = "truncatedNormal"),
        @JsonSubTypes.Type(value = Empirical.class, name = "empirical")})
public sealed interface ConductanceDistribution permits TruncatedNormal, Empirical {

    /** One draw, in uS (>= 0). */
    double sample(RandomGenerator random);

    /** Expected value of a draw, in uS. */
    double drawMeanUs();

    /** Standard deviation of a draw, in uS. */
    double drawStdUs();

    /** The same shape with every conductance multiplied by {@code factor} (> 0). */
    ConductanceDistribution scaled(double factor);
}
