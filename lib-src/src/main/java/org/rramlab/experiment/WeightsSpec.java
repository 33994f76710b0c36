package org.rramlab.experiment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.rramlab.device.DeviceModel;
import org.rramlab.prune.SoftwareEdgeWeights;
import org.rramlab.util.Check;

/**
 * Where the network's weights come from. The JSON names the kind:
 * <ul>
 *   <li>{@code trained}: conventional training of the weights (the baseline before programming);</li>
 *   <li>{@code software}: edge pruning of fixed software weights (signed constant or Gaussian), multiplied digitally;</li>
 *   <li>{@code device}: edge pruning of the cells of a formed macro of {@code device} (a preset name or a full
 *       model; {@code measuredTable} a CSV of measured conductances replacing its formed states and read noise), every
 *       layer on its tile.</li>
 * </ul>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WeightsSpec.Trained.class, name = "trained"),
        @JsonSubTypes.Type(value = WeightsSpec.Software.class, name = "software"),
        @JsonSubTypes.Type(value = WeightsSpec.Device.class, name = "device")})
public sealed interface WeightsSpec {

    record Trained() implements WeightsSpec {}

    record Software(SoftwareEdgeWeights.Kind distribution) implements WeightsSpec {
        public Software {
            Check.notNull("distribution", distribution);
        }
    }

    /**
     * @param device        the cells (JSON: a preset name such as "taox40nm", or the full record)
     * @param measuredTable a conductance table (CSV, one row per cell, one column per read) replacing the formed states
     *                      and read noise, or null
     * @param macro         the arrays the layers are placed on
     */
    record Device(DeviceModel device, String measuredTable, MacroSpec macro) implements WeightsSpec {
        public Device {
            Check.notNull("device", device);
            Check.notNull("macro", macro);
        }
    }
}
