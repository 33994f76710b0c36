package org.rramlab.energy;

import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** XChart charts of energy breakdowns, for notebooks (render to PNG). */
public final class EnergyCharts {

    private EnergyCharts() {}

    /** One stacked bar per breakdown, one colour per part, in a unit that fits the largest total. */
    public static CategoryChart stacked(String title, List<EnergyBreakdown> list) {
        EnergyUnit u = EnergyUnit.fitting(list.stream().mapToDouble(EnergyBreakdown::total).max().orElse(0));
        CategoryChart chart = new CategoryChartBuilder().width(800).height(450).title(title)
                .yAxisTitle("energy (" + u.symbol() + ")").build();
        org.rramlab.plot.Charts.style(chart.getStyler());   // the house style: white, the colour-blind-safe palette
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<String> labels = list.stream().map(EnergyBreakdown::label).toList();
        List<String> parts = list.stream().flatMap(b -> b.joules().keySet().stream()).distinct().toList();
        for (String part : parts) {
            chart.addSeries(part, labels, list.stream().map(b -> (Number) u.of(b.part(part))).toList());
        }
        return chart;
    }

    /** One stacked bar per breakdown showing each part's share of its total, in percent: compares tasks of very
     * different size. */
    public static CategoryChart shares(String title, List<EnergyBreakdown> list) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(450).title(title)
                .yAxisTitle("share of energy (%)").build();
        org.rramlab.plot.Charts.style(chart.getStyler());   // the house style: white, the colour-blind-safe palette
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<String> labels = list.stream().map(EnergyBreakdown::label).toList();
        List<String> parts = list.stream().flatMap(b -> b.joules().keySet().stream()).distinct().toList();
        for (String part : parts) {
            chart.addSeries(part, labels, list.stream().map(b -> (Number) (100 * b.part(part) / b.total())).toList());
        }
        return chart;
    }

    /**
     * Grouped bars on a log axis: per category, one bar per named series (energies in joules, all > 0: a log axis
     * cannot show zero).
     */
    public static CategoryChart grouped(String title, List<String> categories, List<String> seriesNames,
                                        List<List<Double>> joules) {
        if (seriesNames.size() != joules.size()) {
            throw new IllegalArgumentException("seriesNames: " + seriesNames.size() + " names for " + joules.size()
                    + " series, expected one name per series");
        }
        if (joules.stream().flatMap(List::stream).anyMatch(j -> !(j > 0) || j.isInfinite())) {
            throw new IllegalArgumentException("joules: " + joules + ", expected finite energies > 0 for a log axis");
        }
        CategoryChart chart = new CategoryChartBuilder().width(800).height(450).title(title)
                .yAxisTitle("energy (nJ, log scale)").build();
        org.rramlab.plot.Charts.style(chart.getStyler());   // the house style: white, the colour-blind-safe palette
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        // bars start at the axis minimum, which XChart takes as 0 unless told: a log axis needs a positive one
        double min = joules.stream().flatMap(List::stream).mapToDouble(EnergyUnit.NANOJOULE::of).filter(v -> v > 0)
                .min().orElse(1);
        double max = joules.stream().flatMap(List::stream).mapToDouble(EnergyUnit.NANOJOULE::of).max().orElse(10);
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
        for (int i = 0; i < seriesNames.size(); i++) {
            chart.addSeries(seriesNames.get(i), categories,
                    joules.get(i).stream().map(j -> (Number) EnergyUnit.NANOJOULE.of(j)).toList());
        }
        return chart;
    }

    /**
     * Inference energy reduction vs. the processor's board energy while one macro parameter sweeps {@code values}:
     * one line per workload. Where a line crosses 0 the conclusion flips.
     */
    public static XYChart reductionSweep(String parameter, double[] values, AnalogMacro macro,
                                         DigitalProcessor processor, List<Workload> workloads) {
        Parameter p = macro.parameter(parameter);
        XYChart chart = new XYChartBuilder().width(800).height(450)
                .title("Energy reduction vs. " + processor.name() + " as " + parameter + " varies")
                .xAxisTitle(parameter + " (" + p.unit() + ")").yAxisTitle("energy reduction (%)").build();
        org.rramlab.plot.Charts.style(chart.getStyler());   // the house style: white, the colour-blind-safe palette
        DigitalEnergyModel digital = new DigitalEnergyModel(processor);
        for (Workload w : workloads) {
            double[] y = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                y[i] = new AnalogEnergyModel(macro.with(parameter, values[i])).inference(w)
                        .reductionVersus(digital.inference(w));
            }
            chart.addSeries(w.name(), values, y);
        }
        return chart;
    }
}
