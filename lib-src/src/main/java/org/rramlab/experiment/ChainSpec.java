package org.rramlab.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.util.Check;

/**
 * The multiply chain of every layer: one {@link MvmConfig} for all, and per-layer changes by layer name (in JSON each
 * layer's entry is merged onto the base, so it names only what differs).
 *
 * @param base   the chain of every layer
 * @param layers chains of named layers, replacing the base for them (empty: none)
 */
public record ChainSpec(MvmConfig base, Map<String, MvmConfig> layers) {

    public ChainSpec {
        Check.notNull("base", base);
        layers = layers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    public static ChainSpec of(MvmConfig base) {
        return new ChainSpec(base, Map.of());
    }

    /** The chain of {@code layer}. */
    public MvmConfig forLayer(String layer) {
        return layers.getOrDefault(layer, base);
    }
}
