package org.rramlab.energy;

import java.util.List;

/**
 * Prints the energy model's headline figures with the default parameters: workloads, analogue vs. GPU and CPU,
 * training step, and the parameters that flip the conclusion. For a terminal; notebook 06 shows the same with charts.
 * Run, after {@code mvn -q -o -pl lib-src package -DskipTests}:
 * {@code java -cp 'lib-src/target/notebook-lib/*' org.rramlab.energy.EnergyFigures}.
 */
public final class EnergyFigures {

    private EnergyFigures() {}

    public static void main(String[] args) {
        AnalogMacro macro = AnalogMacro.taox40nm();
        DigitalProcessor gpu = DigitalProcessor.rtx4090();
        AnalogEnergyModel analog = new AnalogEnergyModel(macro);
        DigitalEnergyModel digital = new DigitalEnergyModel(gpu);
        List<Workload> tasks = PaperWorkloads.all();
        System.out.println(EnergyTables.workloads(tasks, macro).printAll());
        System.out.println(EnergyTables.breakdowns("Analogue inference energy per part",
                tasks.stream().map(analog::inference).toList(), EnergyUnit.NANOJOULE).printAll());
        System.out.println(EnergyTables.comparison(tasks, analog, digital).printAll());
        System.out.println(EnergyTables.comparison(tasks, analog, new DigitalEnergyModel(DigitalProcessor.cpu2Core()))
                .printAll());
        System.out.println(EnergyTables.comparison(tasks, new AnalogEnergyModel(AnalogMacro.testChipAsBuilt()),
                digital).setName("The test chip as built vs. " + gpu.name()).printAll());
        System.out.println(EnergyTables.training(tasks, analog, digital, 60).printAll());
        for (Workload w : tasks) {
            List<Sensitivity.Row> board = Sensitivity.inference(macro, gpu, w);
            List<Sensitivity.Row> ideal = Sensitivity.inferenceVersusLowerBound(macro, gpu, w);
            System.out.printf("%s: one-at-a-time flips vs board %s, vs ideal digital %s; worst corner "
                            + "analogue/digital = %.3g (board), %.3g (ideal)%n", w.name(), Sensitivity.flipping(board),
                    Sensitivity.flipping(ideal),
                    1 - Sensitivity.worstCase(macro, gpu, board, Sensitivity.inferenceReduction(w)) / 100,
                    1 - Sensitivity.worstCase(macro, gpu, ideal, Sensitivity.lowerBoundReduction(w)) / 100);
        }
    }
}
