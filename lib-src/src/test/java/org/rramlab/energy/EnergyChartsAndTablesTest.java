package org.rramlab.energy;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

class EnergyChartsAndTablesTest {

    private final AnalogMacro macro = AnalogMacro.taox40nm();
    private final AnalogEnergyModel analog = new AnalogEnergyModel(macro);
    private final DigitalEnergyModel gpu = new DigitalEnergyModel(DigitalProcessor.rtx4090());
    private final List<Workload> tasks = PaperWorkloads.all();

    @Test
    void chartsHaveOneSeriesPerPartAndRenderToPng() {
        List<EnergyBreakdown> parts = tasks.stream().map(analog::inference).toList();
        CategoryChart stacked = EnergyCharts.stacked("s", parts);
        CategoryChart shares = EnergyCharts.shares("s", parts);
        assertEquals(5, stacked.getSeriesMap().size());
        assertEquals(5, shares.getSeriesMap().size());
        XYChart sweep = EnergyCharts.reductionSweep("adcBits", new double[] {6, 8, 14}, macro,
                DigitalProcessor.rtx4090(), tasks);
        assertEquals(3, sweep.getSeriesMap().size());
        BufferedImage png = BitmapEncoder.getBufferedImage(stacked);
        assertEquals(800, png.getWidth());
        BitmapEncoder.getBufferedImage(sweep);
    }

    @Test
    void sharesOfEachBarSumToHundred() {
        List<EnergyBreakdown> parts = tasks.stream().map(analog::inference).toList();
        CategoryChart shares = EnergyCharts.shares("s", parts);
        for (int bar = 0; bar < parts.size(); bar++) {
            final int b = bar;
            double sum = shares.getSeriesMap().values().stream()
                    .mapToDouble(s -> ((List<?>) s.getYData()).get(b) instanceof Number n ? n.doubleValue() : 0).sum();
            assertEquals(100, sum, 1e-9);
        }
    }

    @Test
    void groupedLogChartRendersWithAPositiveAxisRange() {
        CategoryChart g = EnergyCharts.grouped("g", List.of("a", "b"), List.of("x", "y"),
                List.of(List.of(1.5e-9, 2e-6), List.of(3e-8, 4e-3)));
        assertEquals(1, g.getStyler().getYAxisMin(), 1e-12, "1.5 nJ rounds down to the decade 1 nJ");
        assertEquals(1e7, g.getStyler().getYAxisMax(), 1e-3, "4 mJ = 4e6 nJ rounds up to 1e7");
        assertEquals(800, BitmapEncoder.getBufferedImage(g).getWidth());
        assertThrows(IllegalArgumentException.class, () -> EnergyCharts.grouped("g", List.of("a"), List.of("x"),
                List.of(List.of(0.0))));
    }

    @Test
    void groupedChartNeedsOneNamePerSeries() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnergyCharts.grouped("g", List.of("a"), List.of("x", "y"), List.of(List.of(1.0))));
        assertTrue(e.getMessage().contains("seriesNames: 2 names for 1 series"), e.getMessage());
    }

    @Test
    void comparisonTableAgreesWithTheModels() {
        Table t = EnergyTables.comparison(tasks, analog, gpu);
        assertEquals(3, t.rowCount());
        double fashion = analog.inference(tasks.get(0)).reductionVersus(gpu.inference(tasks.get(0)));
        assertEquals(Math.round(fashion * 100) / 100.0, t.doubleColumn("reduction vs board %").get(0), 1e-12);
        assertEquals(3, EnergyTables.training(tasks, analog, gpu, 60).rowCount());
        assertEquals(4, EnergyTables.layers(tasks.get(0), macro).rowCount());
    }

    @Test
    void displayRoundingKeepsThreeSignificantDigits() {
        assertEquals(123000, EnergyTables.sig3(123456.7));
        assertEquals(0.00123, EnergyTables.sig3(0.0012345), 1e-15);
    }
}
