package org.rramlab.study;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rramlab.crossbar.AnalogTile;
import org.rramlab.crossbar.Counters;
import org.rramlab.crossbar.Crossbar;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MacroPlan;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.energy.EnergyBreakdown;
import org.rramlab.energy.ProgrammingCost;
import org.rramlab.layers.Layers;
import org.rramlab.layers.Sequential;
import org.rramlab.network.ResNet;
import org.rramlab.network.WeightsProvider;
import org.rramlab.prune.FlipLimit;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.prune.PruneConfig;
import org.rramlab.prune.TileEdges;
import tech.tablesaw.api.Table;

/** The scaling study's figures are those of the placement a real macro gives, and add up. */
class ResNetScalingTest {

    /** A ResNet-50 small enough to form: bottlenecks, projections, several arrays. */
    private static final ResNet.Shape SMALL = new ResNet.Shape(ResNet.Depth.RESNET50, 8, 32, 3, 10, 8, false);

    @Test void thePlanIsThePlacementARealMacroGivesTheSameNetwork() {
        Macro macro = Macro.paper(DeviceModel.taox40nm(), 4);
        double keep = 0.3;
        Sequential net = ResNet.build(WeightsProvider.pruned(TileEdges.factory(macro), new PruneConfig(keep, FlipLimit.NONE), new ProgrammingLedger())
                .withMvm(MvmConfig.ideal()), SMALL, 1);
        ResNetScaling study = new ResNetScaling(SMALL, keep, DeviceModel.taox40nm(), 8);
        MacroPlan plan = study.plan();
        assertTrue(plan.arrays() > 1, "several arrays: " + plan.arrays());
        assertEquals(macro.arrays().size(), plan.arrays());
        assertEquals(macro.utilisation(), plan.utilisation(), 1e-15);
        assertEquals(macro.tiles().size(), plan.layers().size());
        for (AnalogTile t : macro.tiles()) assertEquals(t.blocks(), plan.blocks(t.name()), t.name() + ": the same blocks on the same arrays");
        Table real = macro.report(), planned = plan.report();
        assertEquals(real.rowCount(), planned.rowCount());
        for (String column : real.columnNames()) {
            assertEquals(real.column(column).asList(), planned.column(column).asList(), column);
        }
        for (int a = 0; a < plan.arrays(); a++) assertEquals(macro.pairsUsed(a), plan.pairsUsed(a));
        assertEquals((long) Crossbar.BYTES_PER_PAIR * 512 * 256 * plan.arrays(), plan.formedBytes());

        // the programming set-up the study counts is what forming and the first mask did on the real cells
        net.forward(org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 32, 32), true);
        Counters c = macro.counters();
        List<ProgrammingCost> cost = study.programming(0, 0, 1);
        assertEquals(c.formed(), cost.get(0).pulses(), "forming pulses");
        assertEquals(c.preparationResets(), cost.get(1).pulses(), "RESETs of the set-up and the first mask");
        assertEquals(study.keptEdges(), Layers.tiles(net).stream().mapToLong(t -> Math.round(t.keptFraction() * t.edges())).sum());
    }

    @Test void resnet50OnImageNet100() {
        ResNetScaling s = ResNetScaling.resnet50ImageNet100();
        long weights = ResNet.weightCount(ResNet.Shape.resnet50(100));
        assertEquals(weights, s.weights());
        assertEquals(2 * weights, s.plan().cells());
        long perArray = 512L * 256;
        assertTrue(s.plan().arrays() >= (weights + perArray - 1) / perArray, "at least the lower bound");
        assertEquals(weights / (double) (perArray * s.plan().arrays()), s.plan().utilisation(), 1e-12);
        Table layers = s.layerTable();
        assertEquals(54, layers.rowCount());
        assertEquals(weights, (long) layers.longColumn("pairs").sum());
        assertEquals(s.workload().macs(), (long) layers.longColumn("MACs per image").sum());
        assertEquals(s.plan().report().rowCount(), (int) layers.intColumn("blocks").sum());
        // ~4.1 GMACs per 224 x 224 image (torchvision's ResNet-50: 4.09 GFLOPs counted as MACs), the 100-class head lighter
        assertTrue(s.workload().macs() > 4.0e9 && s.workload().macs() < 4.2e9, "MACs " + s.workload().macs());
        Table summary = s.summary();
        assertEquals(s.plan().arrays(), summary.doubleColumn("value").get(3), 0);
        EnergyBreakdown analog = s.analogInference(), gpu = s.gpuInference();
        assertTrue(analog.total() > 0 && gpu.total() > analog.total(), "analogue " + analog.total() + " J, GPU " + gpu.total() + " J");
        assertTrue(s.analogLatency().totalSeconds() > 0 && s.gpuLatency().totalSeconds() > 0);
        assertEquals(s.analogMacro().arrays().value(), s.plan().arrays());
    }

    @Test void programmingCostsFollowTheirCounts() {
        ResNetScaling s = new ResNetScaling(SMALL, 0.3, DeviceModel.taox40nm(), 8);
        double perCell = s.measuredWriteVerifyPulsesPerCell("s1.b1.conv2", WriteNoise.range(0.1), 3);
        assertTrue(perCell >= 1, "at least one pulse per cell: " + perCell);
        assertEquals(perCell, s.measuredWriteVerifyPulsesPerCell("s1.b1.conv2", WriteNoise.range(0.1), 3), "same seed, same count");
        List<ProgrammingCost> c = s.programming(0.01, 10, perCell);
        long w = s.weights();
        assertEquals(2 * w, c.get(0).pulses());
        assertEquals(w + (w - s.keptEdges()), c.get(1).pulses());
        assertEquals(Math.round(0.01 * w * 10), c.get(2).pulses());
        assertTrue(c.get(2).label().contains("extrapolated"));
        assertEquals(2 * w * perCell, c.get(4).pulses(), 1e-6);
        var e = assertThrows(IllegalArgumentException.class, () -> s.measuredWriteVerifyPulsesPerCell("conv9", WriteNoise.range(0.1), 1));
        assertTrue(e.getMessage().contains("conv9") && e.getMessage().contains("s1.b1.conv2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ResNetScaling(SMALL, 1.5, DeviceModel.taox40nm(), 8));
    }

    @Test void anImageGoesThroughTheFormedTiles() {
        ResNetScaling s = new ResNetScaling(SMALL, 0.3, DeviceModel.taox40nm(), 8);
        ResNetScaling.TileForward f = s.tileForward(MvmConfig.paper(), 2, 1);
        assertEquals(s.plan().arrays(), f.arrays(), "the formed macro has the plan's arrays");
        assertTrue(f.formingSeconds() > 0 && f.forwardSeconds() > 0 && f.heapBytes() > 0, f.toString());
    }

    @Test void aStepIsTimed() {
        double t = ResNetScaling.measuredStepSeconds(ResNet.Shape.resnet20(2, 4), 2, 1, 1);
        assertTrue(t > 0 && Double.isFinite(t), "seconds " + t);
        assertThrows(IllegalArgumentException.class, () -> ResNetScaling.measuredStepSeconds(ResNet.Shape.resnet20(2, 4), 0, 1, 1));
    }
}
