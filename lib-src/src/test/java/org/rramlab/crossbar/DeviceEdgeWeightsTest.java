package org.rramlab.crossbar;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.device.DeviceModel;

import static org.junit.jupiter.api.Assertions.*;

class DeviceEdgeWeightsTest {

    @Test
    void keptWeightsHaveSignedConstantScaleAndPrunedAreSmallResiduals() {
        DeviceEdgeWeights w = DeviceEdgeWeights.form(DeviceModel.taox40nm(), new long[]{128, 400}, 400, 1);
        INDArray kept = w.keptWeights(), pruned = w.prunedWeights();
        assertEquals(2 / Math.sqrt(400), kept.stdNumber().doubleValue(), 1e-3);
        assertEquals(0, kept.meanNumber().doubleValue(), 0.01, "random signs centre the kept weights");
        double ratio = pruned.stdNumber().doubleValue() / kept.stdNumber().doubleValue();
        assertTrue(ratio > 0.01 && ratio < 0.1, "pruned residual is small but not zero: " + ratio);
        // weight = scale x (G+ - G-) in the kept state
        INDArray fromConductance = w.gPlus().sub(w.gMinus()).muli(w.scale());
        assertTrue(fromConductance.equalsWithEps(kept, 1e-5));
    }

    @Test
    void noisyReadsDifferAndAverageToStoredValues() {
        DeviceEdgeWeights w = DeviceEdgeWeights.form(DeviceModel.taox40nm(), new long[]{64, 3, 3, 3}, 27, 5);
        assertTrue(w.isNoisy());
        INDArray k1 = Nd4j.create(DataType.FLOAT, 64, 3, 3, 3), p1 = k1.like();
        INDArray k2 = k1.like(), p2 = k1.like();
        w.read(k1, p1);
        w.read(k2, p2);
        assertNotEquals(k1, k2);
        double relDiff = k1.sub(w.keptWeights()).stdNumber().doubleValue() / w.keptWeights().stdNumber().doubleValue();
        assertTrue(relDiff > 0.005 && relDiff < 0.1, "2 % read noise moves weights a little: " + relDiff);
        assertEquals(2, w.reads());
    }

    @Test
    void doubleTargetsReceiveTheSameStatistics() {
        DeviceEdgeWeights w = DeviceEdgeWeights.form(DeviceModel.taox40nm(), new long[]{50, 40}, 40, 6);
        INDArray k = Nd4j.create(DataType.DOUBLE, 50, 40), p = k.like();
        w.read(k, p);
        double rel = k.castTo(DataType.FLOAT).sub(w.keptWeights()).stdNumber().doubleValue()
                / w.keptWeights().stdNumber().doubleValue();
        assertTrue(rel > 0.005 && rel < 0.1, "read noise on DOUBLE targets: " + rel);
        assertTrue(p.castTo(DataType.FLOAT).sub(w.prunedWeights()).norm2Number().doubleValue() > 0);
    }

    @Test
    void idealDeviceReadsExactlyAndPrunesToZero() {
        DeviceEdgeWeights w = DeviceEdgeWeights.form(DeviceModel.ideal(), new long[]{10, 20}, 20, 3);
        assertFalse(w.isNoisy());
        INDArray k = Nd4j.create(DataType.FLOAT, 10, 20), p = k.like();
        w.read(k, p);
        assertEquals(w.keptWeights(), k);
        assertEquals(0, p.norm2Number().doubleValue(), 0);
    }

    @Test
    void sameSeedSameNumbers() {
        DeviceEdgeWeights a = DeviceEdgeWeights.form(DeviceModel.taox40nm(), new long[]{30, 40}, 40, 9);
        DeviceEdgeWeights b = DeviceEdgeWeights.form(DeviceModel.taox40nm(), new long[]{30, 40}, 40, 9);
        INDArray ka = Nd4j.create(DataType.FLOAT, 30, 40), pa = ka.like(), kb = ka.like(), pb = ka.like();
        for (int i = 0; i < 3; i++) {
            a.read(ka, pa);
            b.read(kb, pb);
            assertEquals(ka, kb);
            assertEquals(pa, pb);
        }
        assertNotEquals(a.keptWeights(), DeviceEdgeWeights.form(DeviceModel.taox40nm(), new long[]{30, 40}, 40, 10).keptWeights());
    }

    @Test
    void factoryFormsTheSameCellsAsForm() {
        var fromFactory = DeviceEdgeWeights.factory(DeviceModel.taox40nm()).create(new long[]{30, 40}, 40, 9);
        assertEquals(DeviceEdgeWeights.form(DeviceModel.taox40nm(), new long[]{30, 40}, 40, 9).keptWeights(),
                ((DeviceEdgeWeights) fromFactory).keptWeights());
        var e = assertThrows(IllegalArgumentException.class, () -> DeviceEdgeWeights.factory(null));
        assertTrue(e.getMessage().contains("device is null"), e.getMessage());
    }

    @Test
    void badInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DeviceEdgeWeights.form(DeviceModel.ideal(), new long[]{10, 0}, 5, 1));
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DeviceEdgeWeights.form(DeviceModel.ideal(), new long[]{10, 5}, 0, 1));
        assertTrue(e.getMessage().contains("fanIn = 0"), e.getMessage());
        DeviceEdgeWeights w = DeviceEdgeWeights.form(DeviceModel.ideal(), new long[]{10, 5}, 5, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> w.read(Nd4j.create(DataType.FLOAT, 5, 10), Nd4j.create(DataType.FLOAT, 10, 5)));
        assertTrue(e.getMessage().contains("whenKept") && e.getMessage().contains("[5, 10]"), e.getMessage());
    }
}
