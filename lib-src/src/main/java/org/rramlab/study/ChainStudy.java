package org.rramlab.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rramlab.crossbar.Adc;
import org.rramlab.crossbar.IrDrop;
import org.rramlab.crossbar.MvmChain;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.layers.Layers;
import org.rramlab.layers.Sequential;
import org.rramlab.plot.Charts;
import org.rramlab.train.Examples;
import org.rramlab.train.Progress;
import org.rramlab.train.Trainer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What the analogue periphery does to trained networks: each network evaluated again with other multiply chains (ADC
 * resolution, IR drop), nothing retrained; the masks and programmed cells stay, only the chains change, and each
 * network's own chains are put back afterwards.
 */
public final class ChainStudy {
    private ChainStudy() {}

    /**
     * Test accuracy of trained models evaluated with other multiply chains: for each model (by name) and each chain,
     * every layer's chain is set to it, the model tested, and its chains put back. The ADC / IR-drop study of
     * notebook 03. Columns: network, chain, test acc %.
     */
    public static Table chainStudy(Map<String, Sequential> models, Map<String, MvmConfig> chains, Examples test, int batch, Progress progress) {
        StringColumn net = StringColumn.create("network"), chain = StringColumn.create("chain");
        DoubleColumn acc = DoubleColumn.create("test acc %");
        progress.start("chain study", (long) models.size() * chains.size());
        int done = 0;
        for (Map.Entry<String, Sequential> m : models.entrySet()) {
            List<MvmConfig> before = Layers.chains(m.getValue()).stream().map(MvmChain::config).toList();
            for (Map.Entry<String, MvmConfig> c : chains.entrySet()) {
                Layers.setMvm(m.getValue(), c.getValue());
                double a = Trainer.evaluate(m.getValue(), test, batch)[1];
                net.append(m.getKey());
                chain.append(c.getKey());
                acc.append(Math.round(1e4 * a) / 100.0);
                progress.advance(++done, m.getKey() + ", " + c.getKey());
            }
            var chainsNow = Layers.chains(m.getValue());
            for (int i = 0; i < chainsNow.size(); i++) chainsNow.get(i).reconfigure(before.get(i));
        }
        progress.finish(done + " evaluations");
        return Table.create("test accuracy vs the analogue chain", net, chain, acc);
    }

    /**
     * What the analogue periphery does to trained networks: every model (by name) is evaluated with the ideal chain and
     * with the paper's chain ({@link MvmConfig#paper()}: read noise, per-block min-max ADC) at each ADC resolution, IR
     * drop off and on ({@code irOhm} per wire segment). The models' own chains are put back afterwards. Columns:
     * network, ADC bits (0 for the ideal chain), IR drop, test acc %.
     */
    public static Table adcStudy(Map<String, Sequential> models, int[] adcBits, double irOhm, Examples test, int batch, Progress progress) {
        Map<String, MvmConfig> chains = new LinkedHashMap<>();
        IrDrop ir = IrDrop.segments(irOhm);
        chains.put("0|off", MvmConfig.ideal());
        chains.put("0|on", MvmConfig.ideal().withIrDrop(ir));
        for (int b : adcBits) {
            chains.put(b + "|off", MvmConfig.paper().withAdc(Adc.minMax(b)));
            chains.put(b + "|on", MvmConfig.paper().withAdc(Adc.minMax(b)).withIrDrop(ir));
        }
        Table raw = chainStudy(models, chains, test, batch, progress);
        IntColumn bits = IntColumn.create("ADC bits");
        StringColumn irCol = StringColumn.create("IR drop");
        for (String key : raw.stringColumn("chain")) {
            bits.append(Integer.parseInt(key.substring(0, key.indexOf('|'))));
            irCol.append(key.endsWith("on") ? irOhm + " Ohm/segment" : "off");
        }
        return Table.create("test accuracy vs ADC bits and IR drop (ADC bits 0: the ideal chain)", raw.stringColumn("network"), bits, irCol,
                raw.doubleColumn("test acc %"));
    }

    /** The chart of {@link #adcStudy}: accuracy vs ADC bits per network, IR drop off and on, the ideal chain as a dashed line. */
    public static org.knowm.xchart.XYChart adcChart(Table study) {
        Map<String, Charts.XY> series = new LinkedHashMap<>();
        List<Integer> bits = study.intColumn("ADC bits").asList().stream().filter(b -> b > 0).distinct().sorted().toList();
        double lo = bits.get(0), hi = bits.get(bits.size() - 1);
        for (String net : study.stringColumn("network").unique()) {
            for (String ir : study.stringColumn("IR drop").unique()) {
                Table t = study.where(study.stringColumn("network").isEqualTo(net).and(study.stringColumn("IR drop").isEqualTo(ir)));
                Table adc = t.where(t.intColumn("ADC bits").isGreaterThan(0)).sortAscendingOn("ADC bits");
                String label = net + (ir.equals("off") ? "" : ", IR drop");
                series.put(label, new Charts.XY(adc.intColumn("ADC bits").asDoubleArray(), adc.doubleColumn("test acc %").asDoubleArray()));
                double ideal = t.where(t.intColumn("ADC bits").isEqualTo(0)).doubleColumn("test acc %").get(0);
                series.put(label + ": ideal chain", new Charts.XY(new double[] {lo, hi}, new double[] {ideal, ideal}));
            }
        }
        var chart = Charts.xy("test accuracy vs ADC resolution (paper chain: read noise, per-block min-max ADC)",
                "ADC bits", "test accuracy (%)", series);
        for (var e : chart.getSeriesMap().entrySet()) {
            if (e.getKey().endsWith("ideal chain")) {
                e.getValue().setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
                e.getValue().setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            } else {
                e.getValue().setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

}
