package org.rramlab.train;

/**
 * Cosine annealing stepped once per epoch, as PyTorch's {@code CosineAnnealingLR(T_max = epochs, eta_min = 0)}:
 * lr(e) = base · (1 + cos(π·e/epochs)) / 2 for epoch e = 0, 1, …
 */
public record CosineSchedule(double base, int epochs) {
    public CosineSchedule {
        if (!(base > 0)) throw new IllegalArgumentException("learning rate: expected > 0, got " + base);
        if (epochs < 1) throw new IllegalArgumentException("epochs: expected >= 1, got " + epochs);
    }

    public double at(int epoch) { return base * (1 + Math.cos(Math.PI * epoch / epochs)) / 2; }
}
